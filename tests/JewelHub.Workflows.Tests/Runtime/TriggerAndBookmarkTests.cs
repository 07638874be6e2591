using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

public sealed class TriggerAndBookmarkTests
{
    /// <summary>sale.recorded starts it; it waits (after an optional delay) for payment.captured about the sale's subject.</summary>
    private static FlowJson SaleWaitsForPayment(string delay = "00:00:00") => new FlowJson("wait-payment")
        .Variable("Paid")
        .Trigger("Sale1", "sale.recorded")
        .Activity("Delay1", "Elsa.Delay", ("timeSpan", "Literal", delay))
        .Activity("Payment1", "Elsa.Event", ("eventName", "Literal", "payment.captured"), ("correlation", "JavaScript", "event.subject"))
        .Output("result", "Paid")
        .Activity("End1", "Elsa.End")
        .Connect("Sale1", "Done", "Delay1").Connect("Delay1", "Done", "Payment1").Connect("Payment1", "Done", "End1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_PollOnceAMinute_EventsThisHubAcceptsStartAndResumeAtOnce(DatabaseProvider provider)
    {
        // Arrange: the log is polled once a minute; only the hub's own wake-up can make these flows move in time.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment()], ct, new Dictionary<string, string?> { ["Workflows:EventPollInterval"] = "00:01:00" });
        await Task.Delay(500, ct);

        // Act + Assert: the sale starts its instance and the payment resumes it well within the minute.
        await hub.PostEventAsync("sale-1", "sale.recorded", "ORD-1", SaleData("ORD-1"), ct);
        await hub.WaitForAsync("wait-payment", 1, "Suspended", ct, seconds: 15);
        await hub.PostEventAsync("pay-1", "payment.captured", "ORD-1", PaymentData("PAY-1", "ORD-1", 1), ct);
        await hub.WaitForAsync("wait-payment", 1, "Finished", ct, seconds: 15);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_PollOnceAMinute_EventPublishedByARunResumesAtOnce(DatabaseProvider provider)
    {
        // Arrange: a second flow answers every sale with a payment event, published inside its run's transaction. The
        // trigger loop must be woken after that transaction commits, as the poll would take a minute.
        var ct = TestContext.Current.CancellationToken;
        var publisher = new FlowJson("publish-payment")
            .Trigger("Sale1", "sale.recorded")
            .Activity("Publish1", "Elsa.PublishEvent", ("eventName", "Literal", "payment.captured"), ("correlation", "JavaScript", "event.subject"),
                ("payload", "JavaScript", "({ paymentId: 'PAY-' + event.subject, orderId: event.subject, amount: '1.00', currency: 'INR', method: 'cash' })"))
            .Connect("Sale1", "Done", "Publish1");
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment(), publisher], ct, new Dictionary<string, string?> { ["Workflows:EventPollInterval"] = "00:01:00" });
        await Task.Delay(500, ct);

        // Act + Assert
        await hub.PostEventAsync("sale-1", "sale.recorded", "ORD-1", SaleData("ORD-1"), ct);
        await hub.WaitForAsync("publish-payment", 1, "Finished", ct, seconds: 15);
        await hub.WaitForAsync("wait-payment", 1, "Finished", ct, seconds: 15);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_SameEventThreeTimes_StartsOneInstance(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment()], ct);

        for (var i = 0; i < 3; i++)
        {
            await hub.PostEventAsync("sale-1", "sale.recorded", "ORD-1", SaleData("ORD-1"), ct);
        }

        var waiting = await hub.WaitForAsync("wait-payment", 1, "Suspended", ct);
        await Task.Delay(300, ct);
        Assert.Single(await hub.InstancesAsync("wait-payment", ct));
        Assert.Equal("ORD-1", Text(waiting[0]!["correlationId"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_CorrelatedPayment_ResumesOnlyTheMatchingInstanceOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment()], ct);
        await hub.PostEventAsync("sale-a", "sale.recorded", "ORD-A", SaleData("ORD-A"), ct);
        await hub.PostEventAsync("sale-b", "sale.recorded", "ORD-B", SaleData("ORD-B"), ct);
        await hub.WaitForAsync("wait-payment", 2, "Suspended", ct);

        for (var i = 0; i < 3; i++)
        {
            await hub.PostEventAsync("pay-a", "payment.captured", "ORD-A", PaymentData("PAY-A", "ORD-A", 100), ct);
        }

        await hub.WaitUntilAsync("wait-payment", all => all.Any(i => Text(i!["status"]) == "Finished"), ct);
        await Task.Delay(300, ct);
        var instances = await hub.InstancesAsync("wait-payment", ct);
        var finished = Assert.Single(instances, i => Text(i!["status"]) == "Finished");
        Assert.Single(instances, i => Text(i!["status"]) == "Suspended" && Text(i!["correlationId"]) == "ORD-B");
        var details = await hub.InstanceAsync(Text(finished!["id"]), ct);
        Assert.Equal(100, details["variables"]!["Paid"]!["amount"]!.GetValue<int>());
        Assert.Single(details["journal"]!.AsArray(), j => Text(j!["eventName"]) == "Resumed" && Text(j!["activityId"]) == "Payment1");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_PaymentBeforeTheInstanceWaitsForIt_IsNotLost(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment("00:00:01")], ct);

        await hub.PostEventAsync("sale-1", "sale.recorded", "ORD-1", SaleData("ORD-1"), ct);
        await hub.PostEventAsync("pay-1", "payment.captured", "ORD-1", PaymentData("PAY-1", "ORD-1", 5), ct);

        var finished = await hub.WaitForAsync("wait-payment", 1, "Finished", ct);
        var details = await hub.InstanceAsync(Text(finished[0]!["id"]), ct);
        Assert.Equal(5, details["variables"]!["Paid"]!["amount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Timer_DueWhileHubWasDown_FiresAfterRestart(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("delayed").Trigger("Sale1", "sale.recorded")
            .Activity("Delay1", "Elsa.Delay", ("timeSpan", "Literal", "00:00:04"))
            .Activity("Write1", "Elsa.WriteLine", ("text", "Literal", "done"))
            .Connect("Sale1", "Done", "Delay1").Connect("Delay1", "Done", "Write1");
        await using var hub = await StartAsync(provider, [flow], ct);
        await hub.PostEventAsync("sale-1", "sale.recorded", "ORD-1", SaleData("ORD-1"), ct);
        await hub.WaitForAsync("delayed", 1, "Suspended", ct);

        // Four seconds leave a loaded machine time to see the suspension and stop the hub before the timer is due.
        await hub.Server.App.StopAsync(ct);
        await Task.Delay(4500, ct);
        await hub.RestartAsync(ct);

        await hub.WaitForAsync("delayed", 1, "Finished", ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Restart_SameWorkflowFiles_KeepOnePublishedVersion(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [SaleWaitsForPayment()], ct);

        await hub.RestartAsync(ct);
        var versions = await hub.Client.GetStringAsync("/api/workflows/definitions?versionOptions=AllVersions", ct);

        Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(versions)!.AsArray());
    }
}
