using System.Text.Json;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Operations;

/// <summary>
/// Receiving stock, adjusting it and checking it against its thresholds: the one implementation the stock API and the
/// Receive Stock, Adjust Stock and Check Low Stock steps share.
/// </summary>
public sealed class StockOperations(InventoryStore inventory, StockAdjustmentPosting posting, EventStore events, TimeProvider clock)
{
    /// <summary>The source of the stock.low events the hub raises.</summary>
    public const string LowStockSource = "/hub/inventory";

    /// <summary>Receives new pieces and quantities of stock items at a branch, all or nothing (<see cref="InventoryStore.ReceiveAsync"/>).</summary>
    public Task<ReceiptResult> ReceiveAsync(UnitOfWork unit, StockReceipt receipt, CancellationToken cancellationToken) =>
        inventory.ReceiveAsync(unit, receipt, cancellationToken);

    /// <summary>
    /// Applies a stock adjustment and, the first time it is applied, posts its value at the current metal rate to the
    /// ledger in the same unit, so stock and books change together (<see cref="StockAdjustmentPosting"/>).
    /// </summary>
    public async Task<AdjustmentResult> AdjustAsync(UnitOfWork unit, StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        var result = await inventory.AdjustAsync(unit, adjustment, cancellationToken);
        if (result is { Outcome: AdjustmentOutcome.Adjusted, Adjusted: { } adjusted })
        {
            await posting.PostAsync(unit, adjusted, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Compares the branch with its thresholds (<see cref="InventoryStore.TrackLowStockAsync"/>) and publishes stock.low
    /// for every category this check found going low; a category that stays low raises nothing more.
    /// </summary>
    public async Task<IReadOnlyList<LowStockAlert>> CheckLowStockAsync(UnitOfWork unit, string branch, string alertKey, CancellationToken cancellationToken)
    {
        var low = await inventory.TrackLowStockAsync(unit, branch, alertKey, cancellationToken);
        foreach (var (line, alertId, _) in low.Where(alert => alert.Raised))
        {
            events.Publish(unit, new CloudEvent
            {
                Id = alertId,
                Source = LowStockSource,
                Type = EventTypes.StockLow,
                Subject = $"{line.Branch}/{line.Category}",
                Time = clock.GetUtcNow(),
                Data = JsonSerializer.SerializeToElement(new { line.Branch, line.Category, line.Available, Threshold = line.MinQuantity }, EventJson.Options),
            });
        }

        return low;
    }
}
