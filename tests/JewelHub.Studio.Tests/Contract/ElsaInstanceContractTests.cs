using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>Run, instance list, viewer calls and cancel, on what the studio saved.</summary>
public sealed class ElsaInstanceContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Execute_SavedStudioBody_RunsWhatWasSavedAndAnswersHeaders(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var body = ElsaDefinitionContractTests.Runnable(hub, "run-flow");
        body["publish"] = true;
        await elsa.PostAsync("/workflow-definitions", body);

        using var response = await hub.Client.PostAsJsonAsync(ElsaClient.Base + "/workflow-definitions/run-flow/execute",
            new { correlationId = (string?)null, triggerActivityId = (string?)null, versionOptions = "Latest", input = (object?)null }, Ct);
        var executed = await ElsaClient.ReadAsync(response, HttpStatusCode.OK);

        var instanceId = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        Assert.Equal("False", Assert.Single(response.Headers.GetValues("x-elsa-workflow-cannot-start")));
        Assert.Contains("x-elsa-workflow-instance-id", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
        ContractShape.Matches(ContractShape.Example("POST_execute.json"), executed);
        Assert.Equal("Finished", executed["workflowState"]!["status"]!.GetValue<string>());
        Assert.Equal("Finished", executed["workflowState"]!["subStatus"]!.GetValue<string>());
        Assert.Equal(instanceId, executed["workflowState"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ViewerCalls_FinishedInstance_AnswerExampleShapesWithWhatRan(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var body = ElsaDefinitionContractTests.Runnable(hub, "view-flow");
        body["publish"] = true;
        var model = (await elsa.PostAsync("/workflow-definitions", body))["workflowDefinition"]!;
        var instanceId = await RunAsync(hub, "view-flow");
        var nodeIds = model["root"]!["activities"]!.AsArray().Select(a => a!["nodeId"]!.GetValue<string>()).ToArray();
        var writeLine = "Workflow1:Flowchart1:WriteLine1";

        var list = await elsa.PostAsync("/workflow-instances", StudioInstanceListBody());
        var instance = await elsa.GetAsync($"/workflow-instances/{instanceId}");
        var journal = await elsa.PostAsync($"/workflow-instances/{instanceId}/journal?skip=0&take=110",
            new { filter = new { activityIds = (string[]?)null, activityNodeIds = nodeIds, excludedActivityTypes = (List<string>)["Elsa.Workflow", "Elsa.Flowchart"], eventNames = (string[]?)null } });
        var fullJournal = await elsa.GetAsync($"/workflow-instances/{instanceId}/journal?skip=0&take=2");
        var variables = await elsa.GetAsync($"/workflow-instances/{instanceId}/variables");
        var rootExecutions = await elsa.GetAsync($"/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:Flowchart1");
        var executions = await elsa.GetAsync($"/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId={writeLine}");
        var summaries = await elsa.GetAsync($"/activity-execution-summaries/list?WorkflowInstanceId={instanceId}&ActivityNodeId={writeLine}");
        var one = await elsa.GetAsync($"/activity-executions/by-id?id={executions["items"]![0]!["id"]!.GetValue<string>()}");
        var report = await elsa.PostAsync("/activity-executions/report", new { workflowInstanceId = instanceId, activityNodeIds = nodeIds });
        var state = await elsa.GetAsync($"/workflow-instances/{instanceId}/execution-state");

        ContractShape.Matches(ContractShape.Example("POST_workflow-instances.json"), list);
        Assert.Equal(instanceId, list["items"]![0]!["id"]!.GetValue<string>());
        ContractShape.Matches(ContractShape.Example("GET_workflow-instance.json"), instance);
        ContractShape.Matches(ContractShape.Example("POST_journal.json"), journal);
        var completed = journal["items"]!.AsArray().Single(r => r!["nodeId"]!.GetValue<string>() == writeLine && r["eventName"]!.GetValue<string>() == "Completed")!;
        Assert.Equal("Order received", completed["activityState"]!["Text"]!.GetValue<string>());
        Assert.Equal(["Done"], completed["payload"]!["Outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(2, fullJournal["items"]!.AsArray().Count);
        Assert.True(fullJournal["totalCount"]!.GetValue<int>() >= journal["totalCount"]!.GetValue<int>());
        ContractShape.Matches(ContractShape.Example("GET_variables.json"), variables);
        Assert.Contains(variables["items"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "OrderId" && v["id"]!.GetValue<string>() == "var-order-id");
        Assert.Equal(0, rootExecutions["count"]!.GetValue<int>());
        ContractShape.Matches(ContractShape.Example("GET_activity-executions_list.json"), executions);
        Assert.Equal("Order received", executions["items"]![0]!["activityState"]!["Text"]!.GetValue<string>());
        Assert.Equal(1, summaries["count"]!.GetValue<int>());
        Assert.Equal("Completed", summaries["items"]![0]!["status"]!.GetValue<string>());
        ContractShape.Matches(ContractShape.Example("GET_activity-executions_list.json")["items"]![0]!, one);
        ContractShape.Matches(ContractShape.Example("POST_activity-executions_report.json"), report);
        var writeLineStats = report["stats"]!.AsArray().Single(s => s!["activityNodeId"]!.GetValue<string>() == writeLine)!;
        Assert.Equal((1, 1, 0), (writeLineStats["startedCount"]!.GetValue<int>(), writeLineStats["completedCount"]!.GetValue<int>(), writeLineStats["uncompletedCount"]!.GetValue<int>()));
        Assert.Equal("Finished", state["status"]!.GetValue<string>());
        Assert.Equal("Finished", state["workflowSubStatus"]!.GetValue<string>());
        Assert.NotNull(state["updatedAt"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InstanceList_StatusFilterAndCancel_FollowElsaStatuses(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var elsa = new ElsaClient(hub);
        var body = StudioBodies.Observed(3);
        body["model"]!["definitionId"] = "waits";
        body["model"]!["root"]!["activities"] = new JsonArray(new JsonObject
        {
            ["id"] = "Wait1",
            ["type"] = "Elsa.Event",
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false },
            ["eventName"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "payment.captured" } },
        });
        body["publish"] = true;
        await elsa.PostAsync("/workflow-definitions", body);
        var waiting = await RunAsync(hub, "waits");
        var finished = await RunAsync(hub, "waits");
        await elsa.PostAsync($"/cancel/workflow-instances/{finished}", null);

        var suspended = await elsa.PostAsync("/workflow-instances", StudioInstanceListBody(statuses: ["Running"], subStatuses: ["Suspended"]));
        var cancelled = await elsa.PostAsync("/workflow-instances", StudioInstanceListBody(subStatuses: ["Cancelled"]));
        var state = await elsa.GetAsync($"/workflow-instances/{waiting}/execution-state");
        var cancelledAgain = await elsa.PostAsync($"/cancel/workflow-instances/{finished}", null, HttpStatusCode.Conflict);
        await elsa.PostAsync($"/cancel/workflow-instances/nope", null, HttpStatusCode.NotFound);

        Assert.Equal([waiting], suspended["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal([finished], cancelled["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal("Finished", cancelled["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(("Running", "Suspended"), (state["status"]!.GetValue<string>(), state["workflowSubStatus"]!.GetValue<string>()));
        Assert.NotNull(cancelledAgain);
    }

    internal static async Task<string> RunAsync(HubServer hub, string definitionId)
    {
        using var response = await hub.Client.PostAsJsonAsync(ElsaClient.Base + $"/workflow-definitions/{definitionId}/execute", new { versionOptions = "Published" }, Ct);
        await ElsaClient.ReadAsync(response, HttpStatusCode.OK);
        return Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
    }

    /// <summary>The body the studio's instance list sends.</summary>
    private static JsonObject StudioInstanceListBody(string[]? statuses = null, string[]? subStatuses = null) => new()
    {
        ["page"] = 0,
        ["pageSize"] = 10,
        ["searchTerm"] = "",
        ["definitionId"] = null,
        ["definitionIds"] = new JsonArray(),
        ["correlationId"] = null,
        ["version"] = null,
        ["hasIncidents"] = null,
        ["isSystem"] = false,
        ["status"] = null,
        ["statuses"] = new JsonArray([.. (statuses ?? []).Select(s => (JsonNode)s)]),
        ["subStatus"] = null,
        ["subStatuses"] = new JsonArray([.. (subStatuses ?? []).Select(s => (JsonNode)s)]),
        ["orderBy"] = null,
        ["orderDirection"] = "Descending",
        ["timestampFilters"] = new JsonArray(),
    };
}
