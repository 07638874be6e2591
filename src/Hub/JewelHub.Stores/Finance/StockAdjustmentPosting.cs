using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Finance;

/// <summary>
/// Values a stock adjustment at the current metal rate and posts it to the ledger inside the adjustment's own
/// transaction: Dr inventory / Cr stock-adjustments when stock is found, the reverse when it is written off.
/// </summary>
public sealed class StockAdjustmentPosting(InventoryStore inventory, RateStore rates, LedgerStore ledger)
{
    /// <summary>
    /// True when an adjustment of the SKU can be valued: its metal and fineness have a current rate. An unknown SKU is
    /// left for the adjustment itself to refuse.
    /// </summary>
    public async Task<bool> CanValueAsync(string sku, CancellationToken cancellationToken)
    {
        var grade = await inventory.GetPieceAsync(sku, cancellationToken) is { } piece
            ? (piece.Metal, piece.Fineness)
            : await inventory.GetStockItemAsync(sku, cancellationToken) is { } item ? (item.Metal, item.Fineness) : ((Metal, Fineness)?)null;
        return grade is not { } known || await rates.CurrentRateAsync(known.Item1, known.Item2, cancellationToken) is not null;
    }

    /// <summary>Posts the value of an adjustment just applied in <paramref name="unit"/>, at the current rate.</summary>
    public async Task PostAsync(UnitOfWork unit, StockAdjusted adjusted, CancellationToken cancellationToken)
    {
        var rate = await rates.CurrentRateAsync(unit.Connection, unit.Transaction, adjusted.Metal, adjusted.Fineness, cancellationToken)
            ?? throw new InvalidOperationException(
                $"No current rate for {adjusted.Metal} {adjusted.Fineness} to value adjustment {adjusted.Reference}; check CanValueAsync first.");
        var value = new Money(adjusted.WeightDelta * rate.PricePerGram.Amount, rate.PricePerGram.Currency).Rounded();
        await ledger.PostStockAdjustmentAsync(unit, $"{adjusted.Reference}:{adjusted.Sku}:{adjusted.Branch}", value, cancellationToken);
    }
}
