using Dapper;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

public sealed class WorkflowEngineTests
{
    private static FlowJson Decision() => new FlowJson("decision")
        .Variable("Total", "Int32")
        .Variable("Size", "String")
        .Activity("Start1", "Elsa.Start")
        .Activity("SetTotal1", "Elsa.SetVariable", ("value", "JavaScript", "event.data.amount * 2"))
        .With("variable", new JsonObject { ["id"] = "var-Total", ["name"] = "Total" })
        .Activity("Decide1", "Elsa.FlowDecision", ("condition", "JavaScript", "getVariable('Total') > 100"))
        .Activity("Big1", "Elsa.SetVariable", ("value", "Literal", "big")).With("variable", new JsonObject { ["name"] = "Size" })
        .Activity("Small1", "Elsa.SetVariable", ("value", "Literal", "small")).With("variable", new JsonObject { ["name"] = "Size" })
        .Activity("Join1", "Elsa.FlowJoin", ("mode", "Literal", "WaitAll"))
        .Activity("Write1", "Elsa.WriteLine", ("text", "Variable", "Size"))
        .Activity("End1", "Elsa.End")
        .Connect("Start1", "Done", "SetTotal1").Connect("SetTotal1", "Done", "Decide1")
        .Connect("Decide1", "True", "Big1").Connect("Decide1", "False", "Small1")
        .Connect("Big1", "Done", "Join1").Connect("Small1", "Done", "Join1")
        .Connect("Join1", "Done", "Write1").Connect("Write1", "Done", "End1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_DecisionAndJoin_FinishesWithVariablesAndJournal(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Decision()], ct);

        var run = await hub.RunAsync("decision", new { amount = 60 }, ct);

        Assert.Equal("Finished", Text(run["instance"]!["status"]));
        Assert.Equal(120, run["variables"]!["Total"]!.GetValue<int>());
        Assert.Equal("big", Text(run["variables"]!["Size"]));
        var completed = run["journal"]!.AsArray().Where(j => Text(j!["eventName"]) == "Completed").Select(j => Text(j!["activityId"])).ToList();
        Assert.Equal(["Start1", "SetTotal1", "Decide1", "Big1", "Join1", "Write1", "End1"], completed);
        Assert.Equal("Workflow1:Flowchart1:Decide1", Text(run["journal"]![4]!["nodeId"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_LoopBackThenInnerLoopSkipped_RunsEachPassAndFinishes(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("loops").Variable("N", "Int32", 0)
            .Activity("Start1", "Elsa.Start")
            .Activity("Bump1", "Elsa.SetVariable", ("value", "JavaScript", "getVariable('N') + 1"))
            .With("variable", new JsonObject { ["id"] = "var-N", ["name"] = "N" })
            .Activity("Gate1", "Elsa.FlowDecision", ("condition", "JavaScript", "getVariable('N') == 1"))
            .Activity("Inner1", "Elsa.WriteLine", ("text", "Literal", "inner"))
            .Activity("InnerAgain1", "Elsa.FlowDecision", ("condition", "JavaScript", "false"))
            .Activity("Check1", "Elsa.FlowDecision", ("condition", "JavaScript", "getVariable('N') < 3"))
            .Activity("End1", "Elsa.End")
            .Connect("Start1", "Done", "Bump1").Connect("Bump1", "Done", "Gate1")
            .Connect("Gate1", "True", "Inner1").Connect("Gate1", "False", "Check1")
            .Connect("Inner1", "Done", "InnerAgain1").Connect("InnerAgain1", "True", "Inner1").Connect("InnerAgain1", "False", "Check1")
            .Connect("Check1", "True", "Bump1").Connect("Check1", "False", "End1");
        await using var hub = await StartAsync(provider, [flow], ct);

        var run = await hub.RunAsync("loops", null, ct);

        Assert.Equal("Finished", Text(run["instance"]!["status"]));
        Assert.Equal(3, run["variables"]!["N"]!.GetValue<int>());
        var completed = run["journal"]!.AsArray().Where(j => Text(j!["eventName"]) == "Completed").ToList();
        Assert.Equal(
            ["Start1", "Bump1", "Gate1", "Inner1", "InnerAgain1", "Check1", "Bump1", "Gate1", "Check1", "Bump1", "Gate1", "Check1", "End1"],
            completed.Select(j => Text(j!["activityId"])));
        var bumps = completed.Where(j => Text(j!["activityId"]) == "Bump1").Select(j => Text(j!["activityExecutionId"])).Distinct(StringComparer.Ordinal);
        Assert.Equal(3, bumps.Count());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_ForkIntoWaitAllJoin_JoinRunsOnceAfterBothBranches(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("fork")
            .Activity("Fork1", "Elsa.Fork", ("branches", "Literal", "A,B"))
            .Activity("A1", "Elsa.WriteLine", ("text", "Literal", "a"))
            .Activity("B1", "Elsa.WriteLine", ("text", "Literal", "b"))
            .Activity("B2", "Elsa.WriteLine", ("text", "Literal", "b2"))
            .Activity("Join1", "Elsa.FlowJoin")
            .Activity("After1", "Elsa.WriteLine", ("text", "Literal", "after"))
            .Connect("Fork1", "A", "A1").Connect("Fork1", "B", "B1").Connect("B1", "Done", "B2")
            .Connect("A1", "Done", "Join1").Connect("B2", "Done", "Join1").Connect("Join1", "Done", "After1");
        await using var hub = await StartAsync(provider, [flow], ct);

        var run = await hub.RunAsync("fork", null, ct);

        var completed = run["journal"]!.AsArray().Where(j => Text(j!["eventName"]) == "Completed").Select(j => Text(j!["activityId"])).ToList();
        Assert.Equal("Finished", Text(run["instance"]!["status"]));
        Assert.Single(completed, id => id == "Join1");
        Assert.True(completed.IndexOf("Join1") > completed.IndexOf("B2") && completed.IndexOf("Join1") > completed.IndexOf("A1"));
        Assert.Equal("After1", completed[^1]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_SwitchAndIf_TakeMatchingCaseAndEmbeddedBranch(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var cases = new JsonArray(
            new JsonObject { ["label"] = "Gold", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.metal == 'gold'" } },
            new JsonObject { ["label"] = "Silver", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.metal == 'silver'" } });
        var then = new JsonObject
        {
            ["id"] = "Heavy1",
            ["type"] = "Elsa.SetVariable",
            ["version"] = 1,
            ["variable"] = new JsonObject { ["name"] = "Note" },
            ["value"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "heavy" } },
        };
        var flow = new FlowJson("switch").Variable("Note", "String").Variable("Path", "String")
            .Activity("Switch1", "Elsa.Switch").With("cases", cases)
            .Activity("Gold1", "Elsa.SetVariable", ("value", "Literal", "gold")).With("variable", new JsonObject { ["name"] = "Path" })
            .Activity("Other1", "Elsa.SetVariable", ("value", "Literal", "other")).With("variable", new JsonObject { ["name"] = "Path" })
            .Activity("If1", "Elsa.If", ("condition", "JavaScript", "input.grams > 10")).With("then", then)
            .Connect("Switch1", "Gold", "Gold1").Connect("Switch1", "Default", "Other1").Connect("Gold1", "Done", "If1");
        await using var hub = await StartAsync(provider, [flow], ct);

        var gold = await hub.RunAsync("switch", new { metal = "gold", grams = 12 }, ct);
        var copper = await hub.RunAsync("switch", new { metal = "copper", grams = 12 }, ct);

        Assert.Equal("gold", Text(gold["variables"]!["Path"]));
        Assert.Equal("heavy", Text(gold["variables"]!["Note"]));
        Assert.Equal("other", Text(copper["variables"]!["Path"]));
        Assert.Null(copper["variables"]!["Note"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_ActivityKeepsFailing_FaultsWithIncidentThenRetryAndCancelAreJournaled(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("failing")
            .Activity("Call1", "Elsa.SendHttpRequest", ("url", "Literal", "http://127.0.0.1:1/unreachable"))
            .Activity("End1", "Elsa.End").Connect("Call1", "Done", "End1");
        await using var hub = await StartAsync(provider, [flow], ct, new Dictionary<string, string?> { ["Workflows:RetryByActivityType:Elsa.SendHttpRequest:MaxRetryAttempts"] = "1" });

        var run = await hub.RunAsync("failing", null, ct);
        var id = Text(run["instance"]!["id"]);
        using var retry = await hub.Client.PostAsync($"/api/workflows/instances/{id}/retry", null, ct);
        using var cancel = await hub.Client.PostAsync($"/api/workflows/instances/{id}/cancel", null, ct);
        using var cancelAgain = await hub.Client.PostAsync($"/api/workflows/instances/{id}/cancel", null, ct);
        var final = await hub.InstanceAsync(id, ct);

        Assert.Equal("Faulted", Text(run["instance"]!["status"]));
        var incident = Assert.Single(run["incidents"]!.AsArray());
        Assert.Equal("Call1", Text(incident!["activityId"]));
        Assert.Equal(System.Net.HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, cancelAgain.StatusCode);
        Assert.Equal("Cancelled", Text(final["instance"]!["status"]));
        var events = final["journal"]!.AsArray().Select(j => Text(j!["eventName"])).ToList();
        Assert.Equal(["Started", "Faulted", "Retried", "Started", "Faulted", "Cancelled"], events);
        var executions = final["executions"]!.AsArray().Select(e => Text(e!["id"])).Distinct().ToList();
        Assert.Single(executions);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_FaultAfterAnEffectInTheSameTransaction_EffectOnceAndFaultRecorded(DatabaseProvider provider)
    {
        // Arrange: the run publishes an event, then a script fails. The first try runs both in one transaction, which the
        // fault rolls back; the run then goes step by step: the event is published and committed, the script is retried
        // and recorded as an incident.
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("publish-then-fail").Variable("X", "Int32")
            .Activity("Start1", "Elsa.Start")
            .Activity("Publish1", "Elsa.PublishEvent", ("eventName", "Literal", "bench.checked"), ("correlation", "Literal", "CHK-1"))
            .Activity("Fail1", "Elsa.SetVariable", ("value", "JavaScript", "noSuchFunction()"))
            .With("variable", new JsonObject { ["id"] = "var-X", ["name"] = "X" })
            .Activity("End1", "Elsa.End")
            .Connect("Start1", "Done", "Publish1").Connect("Publish1", "Done", "Fail1").Connect("Fail1", "Done", "End1");
        await using var hub = await StartAsync(provider, [flow], ct, new Dictionary<string, string?> { ["Workflows:Retry:Delay"] = "00:00:00.010" });

        // Act
        var run = await hub.RunAsync("publish-then-fail", null, ct);

        // Assert
        Assert.Equal("Faulted", Text(run["instance"]!["status"]));
        Assert.Equal("Fail1", Text(Assert.Single(run["incidents"]!.AsArray())!["activityId"]));
        var journal = run["journal"]!.AsArray().Select(j => $"{Text(j!["activityId"])}:{Text(j!["eventName"])}").ToList();
        Assert.Equal(["Start1:Started", "Start1:Completed", "Publish1:Started", "Publish1:Completed", "Fail1:Started", "Fail1:Faulted"], journal);
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM events WHERE type = 'bench.checked' AND subject = 'CHK-1'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PublishEvent_CanonicalTypeWithDataTheDoorRefuses_FaultsNamingTheFieldNothingPublished(DatabaseProvider provider)
    {
        // Arrange: a run that publishes a stock.low naming no branch, which POST /api/events refuses.
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("publish-bad-low")
            .Activity("Start1", "Elsa.Start")
            .Activity("Publish1", "Elsa.PublishEvent", ("eventName", "Literal", "stock.low"), ("payload", "JavaScript", "({ category: 'coin', available: 1, threshold: 5 })"))
            .Connect("Start1", "Done", "Publish1");
        await using var hub = await StartAsync(provider, [flow], ct, new Dictionary<string, string?> { ["Workflows:Retry:Delay"] = "00:00:00.010" });

        // Act
        var run = await hub.RunAsync("publish-bad-low", null, ct);

        // Assert
        Assert.Equal("Faulted", Text(run["instance"]!["status"]));
        var incident = Assert.Single(run["incidents"]!.AsArray())!;
        Assert.Equal("Publish1", Text(incident["activityId"]));
        Assert.Contains("data.branch", Text(incident["message"]), StringComparison.Ordinal);
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events WHERE type = 'stock.low'"));
    }
}
