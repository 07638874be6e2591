using System.Data.Common;
using Dapper;
using JewelHub.Storage;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string ReceiveSavepoint = "receive";

    private const string ReceiptRecorded = "SELECT count(*) FROM movements WHERE reason = 'Receipt' AND reference = @Reference";

    private const string AddToLevel = """
        INSERT INTO stock_levels AS l (sku, branch, on_hand, reserved) VALUES (@Sku, @Branch, @Quantity, 0)
        ON CONFLICT (sku, branch) DO UPDATE SET on_hand = l.on_hand + excluded.on_hand
        WHERE l.on_hand + excluded.on_hand <= @MaxOnHand
        """;

    private const string OnHand = "SELECT on_hand FROM stock_levels WHERE sku = @Sku AND branch = @Branch";

    private const string BranchPieces = "SELECT * FROM pieces WHERE branch = @Branch AND status <> 'Sold' ORDER BY sku";

    private const string BranchStones = """
        SELECT s.* FROM stones s JOIN pieces p ON p.sku = s.sku
        WHERE p.branch = @Branch AND p.status <> 'Sold' ORDER BY s.sku, s.id
        """;

    private const string BranchLevels = """
        SELECT l.sku, l.branch, l.on_hand, l.reserved, i.unit_mg
        FROM stock_levels l JOIN stock_items i ON i.sku = l.sku
        WHERE l.branch = @Branch ORDER BY l.sku
        """;

    private const string UpsertThreshold = """
        INSERT INTO low_stock_thresholds (category, branch, min_quantity) VALUES (@Category, @Branch, @MinQuantity)
        ON CONFLICT (category, branch) DO UPDATE SET min_quantity = excluded.min_quantity
        """;

    // Available = pieces on the shelf plus item units neither sold nor held for an order.
    private const string ThresholdLevels = """
        SELECT category, branch, min_quantity, available FROM (
            SELECT t.category, t.branch, t.min_quantity,
                (SELECT count(*) FROM pieces p
                    WHERE p.category = t.category AND p.branch = t.branch AND p.status = 'Available')
                + (SELECT coalesce(sum(l.on_hand - l.reserved), 0) FROM stock_levels l
                    JOIN stock_items i ON i.sku = l.sku WHERE i.category = t.category AND l.branch = t.branch) AS available
            FROM low_stock_thresholds t WHERE t.branch = @Branch) AS counted
        """;

    private const string LowStock = ThresholdLevels + " WHERE available < min_quantity ORDER BY category";

    /// <summary>
    /// Receives new pieces (Available at the receipt's branch) and quantities of defined stock items, all or nothing,
    /// with one Receipt movement per SKU. Idempotent by reference.
    /// </summary>
    public async Task<ReceiptResult> ReceiveAsync(UnitOfWork unit, StockReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt.Pieces.Count == 0 && receipt.Items.Count == 0 || receipt.Items.Any(item => item.Quantity < 1))
        {
            throw new ArgumentException("A receipt needs pieces or items, each item with a quantity of 1 or more.", nameof(receipt));
        }

        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await ReceiptRefusalAsync(connection, transaction, receipt, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        // A concurrent receipt with the same reference, SKU or HUID that commits first fails an insert: the unit then
        // goes back to here and answers as that receipt left things.
        var savepoint = await unit.SavepointAsync(ReceiveSavepoint, cancellationToken);
        {
            try
            {
                foreach (var piece in receipt.Pieces)
                {
                    await AddPieceAsync(connection, transaction, piece with { Branch = receipt.Branch }, receipt.Reference, cancellationToken);
                }

                var now = Now();
                foreach (var item in receipt.Items.GroupBy(item => item.Sku, StringComparer.Ordinal))
                {
                    var parameters = new { Sku = item.Key, receipt.Branch, Quantity = item.Sum(line => line.Quantity), Bounds.MaxOnHand };
                    if (await connection.ExecuteAsync(Command(AddToLevel, parameters, transaction, cancellationToken)) == 0)
                    {
                        // A concurrent receipt filled the level first: nothing of this receipt stays.
                        await savepoint.RollbackAsync(cancellationToken);
                        return new ReceiptResult(ReceiptOutcome.OverLimit, item.Key);
                    }

                    var unitMg = await connection.ExecuteScalarAsync<long>(Command(UnitWeight, parameters, transaction, cancellationToken));
                    await RecordAsync(connection, transaction, new Movement(item.Key, receipt.Branch, MovementReason.Receipt, parameters.Quantity,
                        unitMg * parameters.Quantity, receipt.Reference, $"Receipt:{receipt.Reference}:{item.Key}", now), cancellationToken);
                }

                return new ReceiptResult(ReceiptOutcome.Received);
            }
            catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                await savepoint.RollbackAsync(cancellationToken);
            }
        }

        return await ReceiptRefusalAsync(connection, transaction, receipt, cancellationToken)
            ?? throw new InvalidOperationException($"Receipt {receipt.Reference} hit a unique constraint that no longer holds.");
    }

    /// <summary>What a branch holds: pieces not sold (with stones) and item levels.</summary>
    public async Task<BranchStock> StockByBranchAsync(string branch, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var parameters = new { Branch = branch };
        var pieces = await connection.QueryAsync<PieceRow>(Command(BranchPieces, parameters, null, cancellationToken));
        var stones = (await connection.QueryAsync<StoneRow>(Command(BranchStones, parameters, null, cancellationToken)))
            .ToLookup(stone => stone.Sku, StringComparer.Ordinal);
        var levels = await connection.QueryAsync<LevelRow>(Command(BranchLevels, parameters, null, cancellationToken));
        return new BranchStock(
            branch,
            [.. pieces.Select(piece => piece.ToPiece([.. stones[piece.Sku].Select(stone => stone.ToStone())]))],
            [.. levels.Select(level => level.ToLevel())]);
    }

    /// <summary>Sets (or replaces) the minimum available quantity of a category at a branch.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public async Task SetThresholdAsync(UnitOfWork unit, string category, string branch, int minQuantity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minQuantity);
        await unit.Connection.ExecuteAsync(Command(UpsertThreshold, new { Category = category, Branch = branch, MinQuantity = minQuantity }, unit.Transaction, cancellationToken));
    }

    /// <summary>The categories at the branch whose available quantity is under their threshold.</summary>
    public async Task<IReadOnlyList<LowStockLine>> LowStockAsync(string branch, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LowStockLine>(Command(LowStock, new { Branch = branch }, null, cancellationToken))).AsList();
    }

    private static async Task<ReceiptResult?> ReceiptRefusalAsync(DbConnection connection, DbTransaction? transaction, StockReceipt receipt, CancellationToken cancellationToken)
    {
        if (await CountAsync(connection, transaction, ReceiptRecorded, new { receipt.Reference }, cancellationToken) > 0)
        {
            return new ReceiptResult(ReceiptOutcome.AlreadyReceived);
        }

        var skus = new HashSet<string>(StringComparer.Ordinal);
        var huids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in receipt.Pieces)
        {
            var sku = piece.Sku.Value;
            if (!skus.Add(sku) || await PieceConflictAsync(connection, transaction, piece, cancellationToken) == CreatePieceResult.DuplicateSku)
            {
                return new ReceiptResult(ReceiptOutcome.DuplicateSku, sku);
            }

            if (piece.Huid is { } huid && (!huids.Add(huid.Value)
                || await CountAsync(connection, transaction, HuidTaken, new { Huid = huid.Value }, cancellationToken) > 0))
            {
                return new ReceiptResult(ReceiptOutcome.DuplicateHuid, huid.Value);
            }
        }

        foreach (var item in receipt.Items)
        {
            if (await CountAsync(connection, transaction, ItemSkuTaken, new { item.Sku }, cancellationToken) == 0)
            {
                return new ReceiptResult(ReceiptOutcome.UnknownItem, item.Sku);
            }

            var held = await connection.ExecuteScalarAsync<long?>(Command(OnHand, new { item.Sku, receipt.Branch }, transaction, cancellationToken)) ?? 0;
            if (held + receipt.Items.Where(line => line.Sku == item.Sku).Sum(line => (long)line.Quantity) > Bounds.MaxOnHand)
            {
                return new ReceiptResult(ReceiptOutcome.OverLimit, item.Sku);
            }
        }

        return null;
    }
}
