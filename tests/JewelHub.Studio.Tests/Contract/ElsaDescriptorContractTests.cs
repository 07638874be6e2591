using System.Net;
using System.Net.Http.Headers;
using JewelHub.Storage;
using JewelHub.Testing;
using JewelHub.Workflows.Definitions;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>Descriptor endpoints (toolbox, expression editors, strategies) and the 401 on every /elsa/api path.</summary>
public sealed class ElsaDescriptorContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Descriptors_AnswerExampleShapes_FromTheRuntime()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var elsa = new ElsaClient(hub);

        var activities = await elsa.GetAsync("/descriptors/activities?Refresh=True");
        var expressions = await elsa.GetAsync("/descriptors/expression-descriptors");
        var variables = await elsa.GetAsync("/descriptors/variables");
        var drivers = await elsa.GetAsync("/descriptors/storage-drivers");
        var features = await elsa.GetAsync("/features/installed");

        var example = ContractShape.Example("GET_descriptors_activities.json");
        var template = example["items"]!.AsArray().Single(d => d!["typeName"]!.GetValue<string>() == "JewelHub.ReserveStock")!;
        Assert.All(activities["items"]!.AsArray(), d => ContractShape.Matches(template, d, d!["typeName"]!.GetValue<string>()));
        Assert.Equal(activities["items"]!.AsArray().Count, activities["count"]!.GetValue<int>());
        var types = activities["items"]!.AsArray().Select(d => d!["typeName"]!.GetValue<string>()).ToList();
        Assert.Contains("Elsa.Flowchart", types);
        Assert.Contains("Elsa.Start", types);
        Assert.Contains("Elsa.Event", types);
        Assert.Equal(["Literal", "Object", "Variable", "JavaScript"], expressions["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.All(expressions["items"]!.AsArray(), e => Assert.Contains(e!["type"]!.GetValue<string>(), InputExpression.Supported));
        ContractShape.Matches(ContractShape.Example("GET_descriptors_expression-descriptors.json"), expressions);
        Assert.All(variables["items"]!.AsArray(), v => Assert.False(string.IsNullOrEmpty(v!["typeName"]!.GetValue<string>())));
        Assert.Equal("JewelHub.WorkflowInstance", drivers["items"]![0]!["typeName"]!.GetValue<string>());
        Assert.Equal(0, features["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/descriptors/workflow-activation-strategies")]
    [InlineData("/descriptors/incident-strategies")]
    [InlineData("/descriptors/log-persistence-strategies")]
    [InlineData("/descriptors/commit-strategies/workflows")]
    public async Task Strategies_AnswerEmptyLists(string path)
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);

        var answer = await new ElsaClient(hub).GetAsync(path);

        Assert.Empty(answer["items"]!.AsArray());
        Assert.Equal(0, answer["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task EveryStudioEndpoint_WithoutOrWithWrongCredentials_Answers401()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var anonymous = hub.CreateClient(withAdminKey: false);
        using var wrongKey = hub.CreateClient(new AuthenticationHeaderValue("ApiKey", "not-the-admin-key-000"));
        using var wrongBearer = hub.CreateClient(new AuthenticationHeaderValue("Bearer", "not-a-token"));
        (HttpMethod Method, string Path)[] calls =
        [
            (HttpMethod.Get, "/workflow-definitions"), (HttpMethod.Get, "/workflow-definitions/by-definition-id/x"), (HttpMethod.Get, "/workflow-definitions/by-id/x"),
            (HttpMethod.Get, "/workflow-definitions/validation/is-name-unique?name=x"), (HttpMethod.Post, "/workflow-definitions"), (HttpMethod.Post, "/workflow-definitions/x/publish"),
            (HttpMethod.Post, "/workflow-definitions/x/retract"), (HttpMethod.Delete, "/workflow-definitions/x"), (HttpMethod.Get, "/workflow-definitions/x/export"),
            (HttpMethod.Post, "/workflow-definitions/import"), (HttpMethod.Post, "/workflow-definitions/x/execute"),
            (HttpMethod.Post, "/bulk-actions/publish/workflow-definitions/by-definition-ids"), (HttpMethod.Post, "/bulk-actions/retract/workflow-definitions/by-definition-ids"),
            (HttpMethod.Post, "/bulk-actions/delete/workflow-definitions/by-definition-id"), (HttpMethod.Get, "/descriptors/activities"),
            (HttpMethod.Get, "/descriptors/expression-descriptors"), (HttpMethod.Get, "/descriptors/workflow-activation-strategies"), (HttpMethod.Get, "/descriptors/incident-strategies"),
            (HttpMethod.Get, "/descriptors/log-persistence-strategies"), (HttpMethod.Get, "/descriptors/commit-strategies/workflows"), (HttpMethod.Get, "/descriptors/variables"),
            (HttpMethod.Get, "/descriptors/storage-drivers"), (HttpMethod.Get, "/features/installed"), (HttpMethod.Post, "/workflow-instances"),
            (HttpMethod.Get, "/workflow-instances/x"), (HttpMethod.Post, "/workflow-instances/x/journal"), (HttpMethod.Get, "/workflow-instances/x/journal"),
            (HttpMethod.Get, "/workflow-instances/x/variables"), (HttpMethod.Get, "/workflow-instances/x/execution-state"), (HttpMethod.Get, "/activity-executions/list"),
            (HttpMethod.Get, "/activity-execution-summaries/list"), (HttpMethod.Get, "/activity-executions/by-id?id=x"), (HttpMethod.Post, "/activity-executions/report"),
            (HttpMethod.Post, "/cancel/workflow-instances/x"), (HttpMethod.Post, "/scripting/javascript/type-definitions/x"),
            (HttpMethod.Get, "/descriptors/output-converters?sourceType=Object&destinationType=String"),
            (HttpMethod.Post, "/alterations/workflows/retry"), (HttpMethod.Post, "/alterations/run"),
        ];

        foreach (var client in new[] { anonymous, wrongKey, wrongBearer })
        {
            foreach (var (method, path) in calls)
            {
                using var request = new HttpRequestMessage(method, ElsaClient.Base + path);
                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }
    }
}
