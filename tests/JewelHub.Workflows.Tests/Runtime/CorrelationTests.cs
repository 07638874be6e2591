using System.Text.Json;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>An event resumes a waiting workflow through its subject and the data fields its type declares, no other.</summary>
public sealed class CorrelationTests
{
    private const string AllFields = """{"billNumber":"B-1","orderId":"O-1","sku":"S-1","paymentId":"P-1","refundId":"R-1","branch":"mumbai-1"}""";

    [Theory]
    [InlineData("sale.recorded", new[] { "SUBJ", "O-1" })]
    [InlineData("payment.captured", new[] { "SUBJ", "B-1", "O-1" })]
    [InlineData("payment.refunded", new[] { "SUBJ", "B-1" })]
    [InlineData("bill.issued", new[] { "SUBJ", "B-1", "O-1" })]
    [InlineData("bill.voided", new[] { "SUBJ", "B-1", "O-1" })]
    [InlineData("stock.low", new[] { "SUBJ", "S-1" })]
    [InlineData("stock.received", new[] { "SUBJ" })]
    [InlineData("metal-rate.updated", new[] { "SUBJ" })]
    [InlineData("repair.completed", new[] { "SUBJ", "B-1", "O-1", "S-1" })]
    public void Correlations_EventWithEveryField_SubjectAndTheTypesDeclaredFieldsOnly(string type, string[] expected) =>
        Assert.Equal(expected, WorkflowTriggerLoop.Correlations(Stored(type, "SUBJ", AllFields)));

    [Fact]
    public void Correlations_DeclaredFieldMissingEmptyOrNotAString_Skipped() =>
        Assert.Equal(["SUBJ"], WorkflowTriggerLoop.Correlations(Stored("payment.captured", "SUBJ", """{"billNumber":"","orderId":42}""")));

    [Fact]
    public void Correlations_FieldEqualToTheSubject_KeptOnce() =>
        Assert.Equal(["O-1"], WorkflowTriggerLoop.Correlations(Stored("sale.recorded", "O-1", """{"orderId":"O-1"}""")));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Event_ValueInAFieldItsTypeDoesNotDeclare_DoesNotResumeTheWaitingInstance(DatabaseProvider provider)
    {
        // Arrange: two instances wait for events about K-1, one for payment.captured (billNumber, orderId), one for a
        // custom type (billNumber, orderId, sku).
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [WaitsFor("wait-payment", "payment.captured"), WaitsFor("wait-custom", "watch.ended")], ct);
        await hub.PostEventAsync("sale-1", "sale.recorded", "K-1", SaleData("K-1"), ct);
        await hub.WaitForAsync("wait-payment", 1, "Suspended", ct);
        await hub.WaitForAsync("wait-custom", 1, "Suspended", ct);

        // Act: K-1 as the sku of a payment, then as the sku of the custom event (which only a workflow can publish).
        await hub.PostEventAsync("pay-1", "payment.captured", "PAY-1", new { paymentId = "PAY-1", billNumber = "B-1", sku = "K-1", amount = "10.00", currency = "INR", method = "cash" }, ct);
        await hub.Server.Services.GetRequiredService<EventStore>().AppendAsync(new CloudEvent
        {
            Id = "ended-1",
            Source = "/tests",
            Type = "watch.ended",
            Subject = "E-1",
            Data = JsonDocument.Parse("""{"sku":"K-1"}""").RootElement.Clone(),
        }, ct);

        // Assert: the custom event resumed its instance; the payment, read no later, did not.
        await hub.WaitForAsync("wait-custom", 1, "Finished", ct);
        await Task.Delay(300, ct);
        var waiting = Assert.Single(await hub.WaitForAsync("wait-payment", 1, "Suspended", ct, seconds: 1));
        var details = await hub.InstanceAsync(Text(waiting!["id"]), ct);
        Assert.DoesNotContain(details["journal"]!.AsArray(), j => Text(j!["eventName"]) == "Resumed" && Text(j!["activityId"]) == "Wait1");

        // A payment with K-1 as its order id, a field payment.captured declares, resumes it.
        await hub.PostEventAsync("pay-2", "payment.captured", "PAY-2", PaymentData("PAY-2", "K-1", 10), ct);
        var finished = await hub.WaitForAsync("wait-payment", 1, "Finished", ct);
        var paid = await hub.InstanceAsync(Text(finished[0]!["id"]), ct);
        Assert.Equal("PAY-2", Text(paid["variables"]!["Received"]!["paymentId"]));
    }

    /// <summary>Started by sale.recorded; waits for <paramref name="eventType"/> about the sale's subject.</summary>
    private static FlowJson WaitsFor(string definitionId, string eventType) => new FlowJson(definitionId)
        .Variable("Received")
        .Trigger("Sale1", "sale.recorded")
        .Activity("Wait1", "Elsa.Event", ("eventName", "Literal", eventType), ("correlation", "JavaScript", "event.subject"))
        .Output("result", "Received")
        .Activity("End1", "Elsa.End")
        .Connect("Sale1", "Done", "Wait1").Connect("Wait1", "Done", "End1");

    private static StoredEvent Stored(string type, string subject, string data) => new()
    {
        Seq = 1,
        Source = "/tests",
        Id = "e-1",
        Type = type,
        Subject = subject,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Body = JsonSerializer.Serialize(new { specversion = "1.0", id = "e-1", source = "/tests", type, subject, data = JsonDocument.Parse(data).RootElement }),
    };
}
