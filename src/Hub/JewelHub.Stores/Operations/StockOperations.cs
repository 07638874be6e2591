using System.Text.Json;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
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

    /// <summary>
    /// Receives new pieces and quantities of stock items at a branch, all or nothing (<see cref="InventoryStore.ReceiveAsync"/>).
    /// A line of more than <see cref="Bounds.MaxQuantity"/> units, or one that would hold more than
    /// <see cref="Bounds.MaxOnHand"/> at the branch, is refused as OverLimit naming its SKU.
    /// </summary>
    public Task<ReceiptResult> ReceiveAsync(UnitOfWork unit, StockReceipt receipt, CancellationToken cancellationToken) =>
        receipt.Items.FirstOrDefault(item => item.Quantity is < 1 or > Bounds.MaxQuantity) is { } line
            ? Task.FromResult(new ReceiptResult(ReceiptOutcome.OverLimit, line.Sku))
            : inventory.ReceiveAsync(unit, receipt, cancellationToken);

    /// <summary>
    /// Applies a stock adjustment and, the first time it is applied, posts its value at the current metal rate to the
    /// ledger in the same unit, so stock and books change together (<see cref="StockAdjustmentPosting"/>).
    /// </summary>
    public async Task<AdjustmentResult> AdjustAsync(UnitOfWork unit, StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        if (adjustment.QuantityDelta is < -Bounds.MaxQuantity or > Bounds.MaxQuantity
            || adjustment.WeightDelta is < -Bounds.MaxGrams or > Bounds.MaxGrams
            || decimal.Round(adjustment.WeightDelta, 3) != adjustment.WeightDelta)
        {
            return new AdjustmentResult(AdjustmentOutcome.NotAllowed,
                Reason: $"an adjustment changes at most {Bounds.MaxQuantity} units or {Bounds.MaxGrams} grams (three decimals) at once");
        }

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
