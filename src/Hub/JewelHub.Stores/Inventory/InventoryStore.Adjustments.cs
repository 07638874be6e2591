using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string AdjustSavepoint = "adjust";

    private const string MovementByKey = "SELECT * FROM movements WHERE idempotency_key = @Key";

    private const string PieceForAdjustment = "SELECT metal, fineness, gross_mg, net_mg, branch, status FROM pieces WHERE sku = @Sku";

    private const string ItemForAdjustment = "SELECT metal, fineness, unit_mg FROM stock_items WHERE sku = @Sku";

    private const string ReweighPiece = """
        UPDATE pieces SET net_mg = net_mg + @WeightDeltaMg
        WHERE sku = @Sku AND net_mg + @WeightDeltaMg >= 0 AND net_mg + @WeightDeltaMg <= gross_mg
        """;

    private const string TakeFromLevel = """
        UPDATE stock_levels SET on_hand = on_hand + @Quantity
        WHERE sku = @Sku AND branch = @Branch AND on_hand + @Quantity >= reserved
        """;

    /// <summary>
    /// Applies a stock adjustment in the unit: a piece's net weight or an item's quantity at a branch changes, with an
    /// Adjustment movement keyed by reference, SKU and branch, so a repeat answers AlreadyApplied and changes nothing.
    /// </summary>
    public async Task<AdjustmentResult> AdjustAsync(UnitOfWork unit, StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        var savepoint = await unit.SavepointAsync(AdjustSavepoint, cancellationToken);
        try
        {
            return await AdjustAsync(adjustment, unit.Connection, unit.Transaction, cancellationToken);
        }
        catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            // The same adjustment was applied concurrently and committed first; answer with that result.
            await savepoint.RollbackAsync(cancellationToken);
            return await AdjustAsync(adjustment, unit.Connection, unit.Transaction, cancellationToken);
        }
    }

    private async Task<AdjustmentResult> AdjustAsync(StockAdjustment adjustment, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var key = $"Adjustment:{adjustment.Reference}:{adjustment.Sku}:{adjustment.Branch}";
        var sku = new { adjustment.Sku };
        var piece = await connection.QuerySingleOrDefaultAsync<AdjustRow>(Command(PieceForAdjustment, sku, transaction, cancellationToken));
        var item = piece is null
            ? await connection.QuerySingleOrDefaultAsync<AdjustRow>(Command(ItemForAdjustment, sku, transaction, cancellationToken))
            : null;
        if ((piece ?? item) is not { } target)
        {
            return new AdjustmentResult(AdjustmentOutcome.UnknownSku);
        }

        if (await connection.QuerySingleOrDefaultAsync<MovementRow>(Command(MovementByKey, new { Key = key }, transaction, cancellationToken)) is { } done)
        {
            return new AdjustmentResult(AdjustmentOutcome.AlreadyApplied, Describe(done, target));
        }

        var weightDeltaMg = Units.Milligrams(adjustment.WeightDelta);
        if (piece is not null)
        {
            var refusal = adjustment.QuantityDelta != 0 ? "a piece is always one; adjust its weight instead"
                : weightDeltaMg == 0 ? "a piece adjustment needs a weight change"
                : piece.Branch != adjustment.Branch ? $"the piece is at branch {piece.Branch}"
                : piece.Status == nameof(PieceStatus.Sold) ? "the piece is sold"
                : piece.NetMg + weightDeltaMg < 0 || piece.NetMg + weightDeltaMg > piece.GrossMg ? "the net weight would leave the range 0 to gross weight"
                : null;
            if (refusal is not null
                || await connection.ExecuteAsync(Command(ReweighPiece, new { adjustment.Sku, WeightDeltaMg = weightDeltaMg }, transaction, cancellationToken)) == 0)
            {
                return new AdjustmentResult(AdjustmentOutcome.NotAllowed, Reason: refusal ?? "the net weight would leave the range 0 to gross weight");
            }
        }
        else
        {
            if (adjustment.QuantityDelta == 0 || weightDeltaMg != 0)
            {
                return new AdjustmentResult(AdjustmentOutcome.NotAllowed, Reason: "a stock item changes by quantity; its weight follows from the unit weight");
            }

            var parameters = new { adjustment.Sku, adjustment.Branch, Quantity = adjustment.QuantityDelta, Bounds.MaxOnHand };
            var changed = await connection.ExecuteAsync(Command(adjustment.QuantityDelta > 0 ? AddToLevel : TakeFromLevel, parameters, transaction, cancellationToken));
            if (changed == 0)
            {
                return adjustment.QuantityDelta > 0
                    ? new AdjustmentResult(AdjustmentOutcome.NotAllowed, Reason: $"the branch would hold more than {Bounds.MaxOnHand:#,0} of this item")
                    : new AdjustmentResult(AdjustmentOutcome.Insufficient, Reason: "the quantity would fall below what is on hand and not reserved");
            }

            weightDeltaMg = item!.UnitMg * adjustment.QuantityDelta;
        }

        var movement = new Movement(adjustment.Sku, adjustment.Branch, MovementReason.Adjustment, adjustment.QuantityDelta, weightDeltaMg,
            adjustment.Reference, key, Now());
        var id = await RecordReturningIdAsync(connection, transaction, movement, cancellationToken);
        return new AdjustmentResult(AdjustmentOutcome.Adjusted, Describe(new MovementRow
        {
            Id = id,
            Sku = movement.Sku,
            Branch = movement.Branch,
            Reason = movement.Reason.ToString(),
            QuantityDelta = movement.QuantityDelta,
            WeightDeltaMg = movement.WeightDeltaMg,
            Reference = movement.Reference,
            At = movement.At,
        }, target));
    }

    private static StockAdjusted Describe(MovementRow movement, AdjustRow target)
    {
        var metal = Enum.Parse<Metal>(target.Metal);
        return new StockAdjusted
        {
            MovementId = movement.Id,
            Reference = movement.Reference,
            Sku = movement.Sku,
            Branch = movement.Branch,
            Metal = metal,
            Fineness = Fineness.Of(metal, target.Fineness),
            QuantityDelta = movement.QuantityDelta,
            WeightDelta = Units.Grams(movement.WeightDeltaMg),
            At = movement.At,
        };
    }

    private sealed class AdjustRow
    {
        public string Metal { get; init; } = "";
        public int Fineness { get; init; }
        public long GrossMg { get; init; }
        public long NetMg { get; init; }
        public long UnitMg { get; init; }
        public string Branch { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
