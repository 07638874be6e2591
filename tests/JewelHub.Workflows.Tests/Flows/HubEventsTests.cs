using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Inventory;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

public sealed class HubEventsTests
{
    private static readonly string[] Rings = ["RING-A", "RING-B", "RING-C"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReceiptSaleBillPaymentRefundVoid_EveryEventInTheLog_PassesTheCheckAtTheDoor(DatabaseProvider provider)
    {
        // Arrange: the branch wants five rings on the shelf and receives two.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        var inventory = hub.Server.Services.GetRequiredService<InventoryStore>();
        await hub.Server.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => inventory.SetThresholdAsync(unit, "ring", "MUM", 5, ct), ct);
        await hub.PostEventAsync("grn-1", "stock.received", "GRN-1", new
        {
            receiptId = "GRN-1",
            branch = "MUM",
            supplier = "karigar-1",
            lines = Rings.Select(sku => new
            {
                sku,
                kind = "piece",
                category = "ring",
                quantity = 1,
                metal = "gold",
                fineness = 916,
                grossWeight = "10.500",
                netWeight = "10.000",
                cost = "60000.00",
            }),
        }, ct);
        await hub.WaitForAsync("stock-received", 1, "Finished", ct);
        await hub.WaitForAsync("stock-low-alert", 1, "Finished", ct);

        // Act: a sale billed and paid through the workflow; a counter order billed, paid and part refunded; one voided.
        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A");
        var waiting = await hub.WaitForAsync("sale-to-bill", 1, "Suspended", ct);
        var billNumber = Text((await hub.InstanceAsync(Text(waiting[0]!["id"]), ct))["variables"]!["BillNumber"]);
        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", ShopFlows.RingTotal, ct);
        await hub.WaitForAsync("sale-to-bill", 1, "Finished", ct);
        var counterBill = await CounterBillAsync(hub, "SO-2", "RING-B", ct);
        await PostAsync(hub, "/api/payments", new { id = "P-2", billNumber = counterBill, amount = 500.00m, currency = "INR", method = "upi", providerReference = "rrn-2" }, ct);
        await PostAsync(hub, "/api/payments", new { id = "R-2", billNumber = counterBill, amount = 100.00m, currency = "INR", method = "cash", kind = "Refund", refundOf = "P-2", reason = "stone swapped" }, ct);
        var voided = await CounterBillAsync(hub, "SO-3", "RING-C", ct);
        await PostAsync(hub, $"/api/bills/{voided}/void", new { reason = "customer changed her mind" }, ct);

        // Assert: every canonical event in the log, the hub's own and the ones it accepted, is data the door accepts.
        var logged = await hub.Server.Services.GetRequiredService<EventStore>().ReadAfterAsync(0, 1_000, ct);
        var now = hub.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var stored in logged.Where(e => EventTypes.All.Contains(e.Type)))
        {
            var problems = EventDataCheck.Check(stored.Type, stored.ToCloudEvent().Data, now);
            Assert.True(problems.Count == 0, $"{stored.Type} {stored.Id} from {stored.Source}: {string.Join("; ", problems)}");
        }

        string[] written = [EventTypes.BillIssued, EventTypes.BillVoided, EventTypes.PaymentCaptured, EventTypes.PaymentRefunded, EventTypes.StockLow];
        Assert.All(written, type => Assert.Contains(logged, e => e.Type == type && e.Source != "/tests"));
    }

    private static async Task<string> CounterBillAsync(WorkflowHub hub, string orderId, string sku, CancellationToken ct)
    {
        await PostAsync(hub, "/api/orders", new { id = orderId, branch = "MUM", placeOfSupply = "KA", lines = new[] { new { sku, quantity = 1 } } }, ct);
        return Text((await PostAsync(hub, $"/api/orders/{orderId}/bill", null, ct))["number"]);
    }

    private static async Task<JsonObject> PostAsync(WorkflowHub hub, string path, object? body, CancellationToken ct)
    {
        using var response = await hub.Client.PostAsJsonAsync(path, body, ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }
}
