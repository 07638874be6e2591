using Dapper;
using JewelHub.Storage;
using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string SellPiece = """
        UPDATE pieces SET status = 'Sold', reserved_until = NULL
        WHERE sku = @Sku AND order_id = @OrderId AND status = 'Reserved'
        RETURNING net_mg
        """;

    private const string SellItem = """
        UPDATE stock_levels SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity
        WHERE sku = @Sku AND branch = @Branch
        """;

    /// <summary>
    /// Sells what the order holds: reserved pieces become Sold, item quantities leave stock on hand, Sale movements
    /// are written. Idempotent: a sold order answers AlreadyCommitted and changes nothing. A hold whose time has passed
    /// but that expiry has not yet released is still the order's, and is sold.
    /// </summary>
    public async Task<SaleCommitResult> CommitSaleAsync(UnitOfWork unit, string orderId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
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
            var close = new { row.Id, Status = nameof(ReservationStatus.Committed), Now = now, Reason = "sold" };
            var parameters = new { row.Sku, row.Branch, row.OrderId, row.Quantity };
            if (await connection.ExecuteAsync(Command(CloseReservation, close, transaction, cancellationToken)) == 0)
            {
                raced = true;
                continue;
            }

            long weightMg;
            if (row.IsPiece)
            {
                weightMg = await connection.ExecuteScalarAsync<long?>(Command(SellPiece, parameters, transaction, cancellationToken))
                    ?? throw NotReserved(row, orderId);
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

    private const string SelectSold = """
        SELECT id, order_id, sku, branch, kind, quantity, expires_at, status FROM reservations
        WHERE order_id = @OrderId AND status = 'Committed' ORDER BY sku
        """;

    // A returned line no longer holds anything: it closes as Released, with the reason, so the order may hold again.
    private const string ReopenSold = """
        UPDATE reservations SET status = 'Released', closed_at = @Now, close_reason = @Reason
        WHERE id = @Id AND status = 'Committed'
        """;

    private const string ReturnPiece = """
        UPDATE pieces SET status = 'Available', order_id = NULL, reserved_until = NULL
        WHERE sku = @Sku AND order_id = @OrderId AND status = 'Sold'
        RETURNING net_mg
        """;

    private const string ReturnItem = """
        UPDATE stock_levels SET on_hand = on_hand + @Quantity WHERE sku = @Sku AND branch = @Branch
        """;

    /// <summary>
    /// Takes back into stock what the order sold (its bill was refunded and voided): sold pieces become Available, item
    /// quantities return to stock on hand, and Return movements are written. Returns how many lines came back.
    /// Idempotent: an order with nothing sold changes nothing. A piece sold since to another order is not touched.
    /// </summary>
    public async Task<int> ReturnSoldAsync(UnitOfWork unit, string orderId, string reason, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var rows = (await connection.QueryAsync<ReservationRow>(
            Command($"{SelectSold} {db.Dialect.ForUpdate}", new { OrderId = orderId }, transaction, cancellationToken))).AsList();
        var now = Now();
        var returned = 0;
        foreach (var row in rows)
        {
            if (await connection.ExecuteAsync(Command(ReopenSold, new { row.Id, Now = now, Reason = reason }, transaction, cancellationToken)) == 0)
            {
                continue;
            }

            await PutBackAsync(connection, transaction, row, ReturnPiece, ReturnItem, MovementReason.Return, now, cancellationToken);
            returned++;
        }

        return returned;
    }

    private static InvalidOperationException NotReserved(ReservationRow row, string orderId) =>
        new($"Reservation {row.Id} holds piece {row.Sku}, but the piece is not reserved for order {orderId}.");
}
