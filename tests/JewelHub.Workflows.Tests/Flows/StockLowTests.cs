using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Notifications;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Workflows.Tests.Flows;

public sealed class StockLowTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StockReceived_StaysLowThenRecoversAndDropsAgain_OneStockLowPerCrossing(DatabaseProvider provider)
    {
        // Arrange: at most 4 rings on the shelf, the branch wants 5
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        var inventory = hub.Server.Services.GetRequiredService<InventoryStore>();
        await hub.Server.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => inventory.SetThresholdAsync(unit, "ring", "MUM", 5, ct), ct);

        // Act
        for (var n = 1; n <= 3; n++)
        {
            await ReceiveAsync(hub, $"GRN-{n}", "ring", ct, $"RING-{n}");
            await hub.WaitForAsync("stock-received", n, "Finished", ct);
        }

        var whileLow = await StockLowEventsAsync(hub, ct);
        await ReceiveAsync(hub, "GRN-4", "ring", ct, "RING-4", "RING-5");
        await hub.WaitForAsync("stock-received", 4, "Finished", ct);
        var recovered = await StockLowEventsAsync(hub, ct);
        Assert.True((await hub.Server.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => inventory.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("RING-1")], DateTimeOffset.MaxValue.AddYears(-1), ct), ct)).Succeeded);
        await ReceiveAsync(hub, "GRN-5", "chain", ct, "CHAIN-1");
        await hub.WaitForAsync("stock-received", 5, "Finished", ct);
        await hub.WaitForAsync("stock-low-alert", 2, "Finished", ct);

        // Assert
        Assert.Single(whileLow);
        Assert.Single(recovered);
        var all = await StockLowEventsAsync(hub, ct);
        Assert.Equal(2, all.Count);
        Assert.All(all, e => Assert.Equal("MUM/ring", e.Subject));
        var sent = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync("branch-managers:MUM", ct);
        Assert.Equal(["stock-low", "stock-low"], sent.Select(n => n.Template));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StockLow_WithoutBranchPastTheDoor_FaultsAndMessagesNobody(DatabaseProvider provider)
    {
        // Arrange: the door refuses a stock.low without a branch; one appended behind its back (as a workflow could).
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await Assert.ThrowsAsync<HttpRequestException>(() => hub.PostEventAsync("low-1", "stock.low", "coin", new { category = "coin", available = 1, threshold = 5 }, ct));

        // Act
        await hub.Server.Services.GetRequiredService<EventStore>().AppendAsync(new CloudEvent
        {
            Id = "low-2",
            Source = "/tests",
            Type = EventTypes.StockLow,
            Data = System.Text.Json.JsonDocument.Parse("""{"category":"coin","available":1,"threshold":5}""").RootElement.Clone(),
        }, ct);

        // Assert: the alert faults at its Notify step; no message to "branch-managers:undefined".
        await hub.WaitForAsync("stock-low-alert", 1, "Faulted", ct);
        var notifications = hub.Server.Services.GetRequiredService<NotificationStore>();
        Assert.Empty(await notifications.ForRecipientAsync("branch-managers:undefined", ct));
    }

    private static async Task<List<StoredEvent>> StockLowEventsAsync(WorkflowHub hub, CancellationToken cancellationToken) =>
        [.. (await hub.Server.Services.GetRequiredService<EventStore>().ReadAfterAsync(0, 1_000, cancellationToken)).Where(e => e.Type == EventTypes.StockLow)];

    private static Task ReceiveAsync(WorkflowHub hub, string receiptId, string category, CancellationToken cancellationToken, params string[] skus) =>
        hub.PostEventAsync(receiptId, "stock.received", receiptId, new
        {
            receiptId,
            branch = "MUM",
            supplier = "karigar-1",
            lines = skus.Select(sku => new
            {
                sku,
                kind = "piece",
                category,
                quantity = 1,
                metal = "gold",
                fineness = 916,
                grossWeight = "5.200",
                netWeight = "5.000",
                cost = "31000.00",
            }),
        }, cancellationToken);
}
