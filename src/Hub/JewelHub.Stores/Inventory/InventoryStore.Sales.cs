using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string SellPiece = """
        UPDATE inventory.pieces SET status = 'Sold', reserved_until = NULL
        WHERE sku = @Sku AND order_id = @OrderId AND status = 'Reserved'
        RETURNING net_mg
        """;

    private const string SellItem = """
        UPDATE inventory.stock_levels SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity
        WHERE sku = @Sku AND branch = @Branch
        """;

    /// <summary>
    /// Sells what the order holds: reserved pieces become Sold, item quantities leave stock on hand, Sale movements
    /// are written. Idempotent: a sold order answers AlreadyCommitted and changes nothing. A hold whose time has passed
    /// but that expiry has not yet released is still the order's, and is sold.
    /// </summary>
    public async Task<SaleCommitResult> CommitSaleAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var result = await CommitSaleAsync(orderId, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The same inside the caller's write transaction (e.g. finance marking the bill paid), so that both commit or
    /// neither does. The caller commits; on SQLite the transaction must be a write transaction (BeginWriteAsync).
    /// </summary>
    public async Task<SaleCommitResult> CommitSaleAsync(string orderId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<ReservationRow>(
            Command(SelectLive, new { OrderId = orderId }, transaction, cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return new SaleCommitResult(SaleCommitOutcome.NothingReserved, []);
        }

        var now = Now();
        var sold = 0;
        var raced = false;
        foreach (var row in rows.Where(row => row.Status == nameof(ReservationStatus.Reserved)))
        {
            var closed = await connection.ExecuteAsync(Command(CloseReservation,
                new { row.Id, Status = nameof(ReservationStatus.Committed), Now = now, Reason = "sold" }, transaction, cancellationToken));
            if (closed == 0)
            {
                raced = true;
                continue;
            }

            var parameters = new { row.Sku, row.Branch, row.OrderId, row.Quantity };
            long weightMg;
            if (row.IsPiece)
            {
                weightMg = await connection.ExecuteScalarAsync<long?>(Command(SellPiece, parameters, transaction, cancellationToken))
                    ?? throw new InvalidOperationException($"Reservation {row.Id} holds piece {row.Sku}, but the piece is not reserved for order {orderId}.");
            }
            else
            {
                await connection.ExecuteAsync(Command(SellItem, parameters, transaction, cancellationToken));
                weightMg = row.Quantity * await connection.ExecuteScalarAsync<long>(Command(UnitWeight, parameters, transaction, cancellationToken));
            }

            await RecordAsync(connection, transaction, new Movement(row.Sku, row.Branch, MovementReason.Sale, -row.Quantity, -weightMg,
                orderId, $"Sale:{row.Id}", now), cancellationToken);
            sold++;
        }

        // Unless a concurrent release or sale closed a line first, the lines are the ones read with what this call did.
        var lines = raced
            ? await LiveLinesAsync(connection, transaction, orderId, cancellationToken)
            : [.. rows.Select(row => row.ToLine() with { Status = ReservationStatus.Committed })];
        var outcome = sold > 0 ? SaleCommitOutcome.Committed
            : lines.Count > 0 ? SaleCommitOutcome.AlreadyCommitted
            : SaleCommitOutcome.NothingReserved;
        return new SaleCommitResult(outcome, lines);
    }
}
