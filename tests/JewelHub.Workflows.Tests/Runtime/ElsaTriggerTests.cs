using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// Triggers as Elsa decides them: only an activity with "Trigger workflow" (canStartWorkflow) starts instances, and an
/// event starts them at that activity. A trigger that earlier steps also lead to is published with a warning. Every
/// run, started or resumed by the event, reads the event's data the same ways.
/// </summary>
public sealed class ElsaTriggerTests
{
    private const string Warning = "Event 'Payment1' both waits and starts new instances; untick Trigger workflow to make it a wait only";

    // What the run read of the payment, by Elsa's functions: [getLastResult, getOutputFrom, getResultFromPayment1, getInput].
    private const string ReadPayment =
        "[getLastResult()?.amount, getOutputFrom('Payment1')?.amount, getResultFromPayment1()?.paymentId, getInput('__EventPayloadWorkflowInput')?.amount]";

    private static readonly JsonNode Expected = JsonNode.Parse("""[750,750,"PAY-1",750]""")!;

    /// <summary>Start → Before1 → Payment1 (an Event on payment.captured, ticked or not) → Read1 → End1.</summary>
    private static FlowJson PaymentAfterSteps(bool ticked)
    {
        var flow = new FlowJson("pay-after-steps").Variable("Before").Variable("Paid").Variable("Read")
            .Activity("Start1", "Elsa.Start")
            .Activity("Before1", "Elsa.SetVariable", ("value", "Literal", "ran"))
            .With("variable", new JsonObject { ["id"] = "var-Before", ["name"] = "Before" });
        (ticked ? flow.Trigger("Payment1", "payment.captured") : flow.Activity("Payment1", "Elsa.Event", ("eventName", "Literal", "payment.captured")))
            .Output("result", "Paid");
        return flow
            .Activity("Read1", "Elsa.SetVariable", ("value", "JavaScript", ReadPayment))
            .With("variable", new JsonObject { ["id"] = "var-Read", ["name"] = "Read" })
            .Activity("End1", "Elsa.End")
            .Connect("Start1", "Done", "Before1").Connect("Before1", "Done", "Payment1").Connect("Payment1", "Done", "Read1").Connect("Read1", "Done", "End1");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_AfterOtherStepsUnticked_ResumesTheWaitingInstanceAndStartsNone(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [], ct);
        var published = await PublishAsync(hub, PaymentAfterSteps(ticked: false), ct);
        Assert.Empty(published["warnings"]!.AsArray());
        var waiting = await hub.RunAsync("pay-after-steps", new { }, ct);
        Assert.Equal("Suspended", Text(waiting["instance"]!["status"]));

        await hub.PostEventAsync("pay-1", "payment.captured", "ORD-1", PaymentData("PAY-1", "ORD-1", 750), ct);

        var finished = await hub.WaitForAsync("pay-after-steps", 1, "Finished", ct);
        await Task.Delay(300, ct);
        Assert.Single(await hub.InstancesAsync("pay-after-steps", ct));
        var details = await hub.InstanceAsync(Text(finished[0]!["id"]), ct);
        Assert.Equal("ran", Text(details["variables"]!["Before"]));
        Assert.Equal(750, details["variables"]!["Paid"]!["amount"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(Expected, details["variables"]!["Read"]), details["variables"]!.ToJsonString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_AfterOtherStepsTicked_PublishWarnsAndTheEventResumesAndStartsAsElsaDoes(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [], ct);

        // Publishing warns, and the definitions API lists the same warning.
        var published = await PublishAsync(hub, PaymentAfterSteps(ticked: true), ct);
        var warning = Assert.Single(published["warnings"]!.AsArray())!;
        Assert.Equal(Warning, Text(warning["message"]));
        Assert.Equal("Payment1", Text(warning["activityId"]));
        var listed = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/workflows/definitions", ct))!;
        var row = Assert.Single(listed, d => Text(d!["definitionId"]) == "pay-after-steps")!;
        Assert.Equal(Warning, Text(Assert.Single(row["warnings"]!.AsArray())!["message"]));

        var waiting = await hub.RunAsync("pay-after-steps", new { }, ct);
        Assert.Equal("Suspended", Text(waiting["instance"]!["status"]));

        await hub.PostEventAsync("pay-1", "payment.captured", "ORD-1", PaymentData("PAY-1", "ORD-1", 750), ct);

        // As Elsa: the waiting instance resumes, and a second instance starts at the Event, skipping the steps before it.
        var instances = await hub.WaitForAsync("pay-after-steps", 2, "Finished", ct);
        await Task.Delay(300, ct);
        Assert.Equal(2, (await hub.InstancesAsync("pay-after-steps", ct)).Count);
        var resumed = await hub.InstanceAsync(Text(waiting["instance"]!["id"]), ct);
        var started = await hub.InstanceAsync(Text(instances.Single(i => Text(i!["id"]) != Text(waiting["instance"]!["id"]))!["id"]), ct);
        Assert.Equal("ran", Text(resumed["variables"]!["Before"]));
        Assert.Null(started["variables"]!["Before"]);
        Assert.DoesNotContain(started["journal"]!.AsArray(), j => Text(j!["activityId"]) is "Start1" or "Before1");
        foreach (var run in new[] { resumed, started })
        {
            Assert.Equal(750, run["variables"]!["Paid"]!["amount"]!.GetValue<int>());
            Assert.True(JsonNode.DeepEquals(Expected, run["variables"]!["Read"]), run["variables"]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_WithNothingBeforeIt_StartsOneInstanceThatReadsTheEvent(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("pay-starts").Variable("Paid").Variable("Read")
            .Trigger("Payment1", "payment.captured").Output("result", "Paid")
            .Activity("Read1", "Elsa.SetVariable", ("value", "JavaScript", ReadPayment))
            .With("variable", new JsonObject { ["id"] = "var-Read", ["name"] = "Read" })
            .Connect("Payment1", "Done", "Read1");
        await using var hub = await StartAsync(provider, [], ct);
        var published = await PublishAsync(hub, flow, ct);
        Assert.Empty(published["warnings"]!.AsArray());

        await hub.PostEventAsync("pay-1", "payment.captured", "ORD-1", PaymentData("PAY-1", "ORD-1", 750), ct);

        var finished = await hub.WaitForAsync("pay-starts", 1, "Finished", ct);
        await Task.Delay(300, ct);
        Assert.Single(await hub.InstancesAsync("pay-starts", ct));
        var details = await hub.InstanceAsync(Text(finished[0]!["id"]), ct);
        Assert.Equal(750, details["variables"]!["Paid"]!["amount"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(Expected, details["variables"]!["Read"]), details["variables"]!.ToJsonString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_TwoRootsWithoutStart_StartsAtTheFirstOnlyAsElsaDoes(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("two-roots").Variable("First").Variable("Second")
            .Activity("First1", "Elsa.SetVariable", ("value", "Literal", "1"))
            .With("variable", new JsonObject { ["id"] = "var-First", ["name"] = "First" })
            .Activity("Second1", "Elsa.SetVariable", ("value", "Literal", "2"))
            .With("variable", new JsonObject { ["id"] = "var-Second", ["name"] = "Second" });
        await using var hub = await StartAsync(provider, [flow], ct);

        var run = await hub.RunAsync("two-roots", new { }, ct);

        Assert.Equal("Finished", Text(run["instance"]!["status"]));
        Assert.Equal("1", Text(run["variables"]!["First"]));
        Assert.Null(run["variables"]!["Second"]);
    }

    private static async Task<JsonObject> PublishAsync(WorkflowHub hub, FlowJson flow, CancellationToken ct)
    {
        using var response = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = flow.Build(), publish = true }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
