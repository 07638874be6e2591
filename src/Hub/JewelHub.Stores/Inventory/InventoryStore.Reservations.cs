using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;

namespace JewelHub.Stores.Inventory;

public sealed partial class InventoryStore
{
    private const string ReserveSavepoint = "reserve";

    private const string SelectLive = """
        SELECT id, order_id, sku, branch, kind, quantity, expires_at, status FROM reservations
        WHERE order_id = @OrderId AND status <> 'Released' ORDER BY sku
        """;

    // The status condition decides: of many concurrent callers exactly one sees a row updated.
    private const string HoldPiece = """
        UPDATE pieces SET status = 'Reserved', order_id = @OrderId, reserved_until = @ExpiresAt
        WHERE sku = @Sku AND branch = @Branch AND status = 'Available'
        RETURNING net_mg
        """;

    private const string HoldItem = """
        UPDATE stock_levels SET reserved = reserved + @Quantity
        WHERE sku = @Sku AND branch = @Branch AND on_hand - reserved >= @Quantity
        RETURNING on_hand
        """;

    private const string UnitWeight = "SELECT unit_mg FROM stock_items WHERE sku = @Sku";

    private const string InsertReservation = """
        INSERT INTO reservations (id, order_id, sku, branch, kind, quantity, expires_at, status, created_at)
        VALUES (@Id, @OrderId, @Sku, @Branch, @Kind, @Quantity, @ExpiresAt, 'Reserved', @CreatedAt)
        """;

    private const string SelectHeld = """
        SELECT id, order_id, sku, branch, kind, quantity, expires_at, status FROM reservations
        WHERE order_id = @OrderId AND status = 'Reserved' ORDER BY sku
        """;

    private const string SelectHeldExpired = """
        SELECT id, order_id, sku, branch, kind, quantity, expires_at, status FROM reservations
        WHERE order_id = @OrderId AND status = 'Reserved' AND expires_at <= @Now ORDER BY sku
        """;

    private const string SelectExpiredOrders = """
        SELECT DISTINCT order_id FROM reservations WHERE status = 'Reserved' AND expires_at <= @Now ORDER BY order_id
        """;

    private const string CloseReservation = """
        UPDATE reservations SET status = @Status, closed_at = @Now, close_reason = @Reason
        WHERE id = @Id AND status = 'Reserved'
        """;

    private const string FreePiece = """
        UPDATE pieces SET status = 'Available', order_id = NULL, reserved_until = NULL
        WHERE sku = @Sku AND order_id = @OrderId AND status = 'Reserved'
        RETURNING net_mg
        """;

    private const string FreeItem = """
        UPDATE stock_levels SET reserved = reserved - @Quantity WHERE sku = @Sku AND branch = @Branch
        """;

    /// <summary>
    /// Holds every line for the order at the branch until <paramref name="expiresAt"/>, or nothing: a line is a piece
    /// (quantity 1, status Available) or a quantity of a stock item available at the branch. Idempotent by order id:
    /// while the order holds (or has sold) a reservation, that reservation is the answer and nothing changes. An
    /// order whose reservation was released or expired may reserve again.
    /// </summary>
    public async Task<ReservationResult> ReserveAsync(
        UnitOfWork unit, string orderId, string branch, IReadOnlyList<SalesOrderLine> lines, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (lines.Count == 0 || lines.Any(line => line.Quantity < 1))
        {
            throw new ArgumentException("A reservation needs at least one line, each with a quantity of 1 or more.", nameof(lines));
        }

        // One line per SKU, in SKU order: concurrent multi-line reservations then lock rows in the same order and
        // cannot deadlock each other.
        var wanted = lines.GroupBy(line => line.Sku, StringComparer.Ordinal)
            .Select(group => new SalesOrderLine(group.Key, group.Sum(line => line.Quantity)))
            .OrderBy(line => line.Sku, StringComparer.Ordinal)
            .ToList();

        expiresAt = Microseconds(expiresAt);
        var connection = unit.Connection;
        var existing = await LiveLinesAsync(connection, unit.Transaction, orderId, cancellationToken);
        if (existing.Count > 0)
        {
            return ReservationResult.Held(existing, already: true);
        }

        // All or nothing: the first hold is sent after a savepoint, and a line that cannot be held undoes the others.
        var savepoint = new SqlBatch().Add($"SAVEPOINT {ReserveSavepoint}", null);
        var unavailable = new List<string>();
        var held = new List<(SalesOrderLine Line, string Kind, long WeightMg)>();
        foreach (var line in wanted)
        {
            var parameters = new { OrderId = orderId, Branch = branch, line.Sku, line.Quantity, ExpiresAt = expiresAt };
            var pieceMg = line.Quantity == 1
                && await unit.QueryAsync<long?>(Take(ref savepoint).Add(HoldPiece, parameters), cancellationToken) is [var holdMg, ..]
                ? holdMg
                : null;
            if (pieceMg is { } net)
            {
                held.Add((line, "Piece", net));
            }
            else if ((await unit.QueryAsync<long?>(Take(ref savepoint).Add(HoldItem, parameters), cancellationToken)).Count > 0)
            {
                var unitMg = await connection.ExecuteScalarAsync<long>(unit.Command(UnitWeight, parameters, cancellationToken));
                held.Add((line, "Item", unitMg * line.Quantity));
            }
            else
            {
                unavailable.Add(line.Sku);
            }
        }

        if (unavailable.Count == 0)
        {
            try
            {
                // Every line's reservation and movement in one round trip.
                var now = Now();
                var rows = held.Select(h => new ReservationParameters(
                    Guid.NewGuid().ToString(), orderId, h.Line.Sku, branch, h.Kind, h.Line.Quantity, expiresAt, now, h.WeightMg)).ToList();
                await unit.ExecuteAsync(new SqlBatch()
                    .AddEach(InsertReservation, rows)
                    .Add(Movements(rows.Select(row => new Movement(row.Sku, branch, MovementReason.Reservation, -row.Quantity, -row.WeightMg,
                        orderId, $"Reservation:{row.Id}", now)))), cancellationToken);
                return ReservationResult.Held([.. held.Select(h => new ReservedLine
                {
                    Sku = h.Line.Sku, Branch = branch, Quantity = h.Line.Quantity, ExpiresAt = expiresAt, Status = ReservationStatus.Reserved,
                })], already: false);
            }
            catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                unavailable.AddRange(held.Select(h => h.Line.Sku));
            }
        }

        await unit.Transaction.RollbackAsync(ReserveSavepoint, cancellationToken);

        // A concurrent call for the same order may have won the pieces this call wanted: its reservation is the answer.
        var winner = await LiveLinesAsync(connection, unit.Transaction, orderId, cancellationToken);
        return winner.Count > 0 ? ReservationResult.Held(winner, already: true) : ReservationResult.Unavailable(unavailable);
    }

    // The savepoint statement the first time, then nothing.
    private static SqlBatch Take(ref SqlBatch savepoint)
    {
        var first = savepoint;
        savepoint = new SqlBatch();
        return first;
    }

    private sealed record ReservationParameters(
        string Id, string OrderId, string Sku, string Branch, string Kind, int Quantity, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, long WeightMg);

    /// <summary>The lines the order holds or has sold (released lines are history); empty when none.</summary>
    public async Task<IReadOnlyList<ReservedLine>> GetReservationAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await LiveLinesAsync(connection, null, orderId, cancellationToken);
    }

    // Only ever lengthens a hold: a later call with an earlier time (a replay) changes nothing.
    private const string ExtendReservations = """
        UPDATE reservations SET expires_at = @Until WHERE order_id = @OrderId AND status = 'Reserved' AND expires_at < @Until
        """;

    private const string ExtendPieces = """
        UPDATE pieces SET reserved_until = @Until WHERE order_id = @OrderId AND status = 'Reserved' AND reserved_until < @Until
        """;

    /// <summary>
    /// Keeps every line the order still holds until at least <paramref name="until"/> (e.g. after a part payment, while
    /// the customer brings the balance). Never shortens a hold; released or sold lines stay so. Returns the number of
    /// lines the order holds.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public async Task<int> ExtendHoldAsync(UnitOfWork unit, string orderId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var parameters = new { OrderId = orderId, Until = Microseconds(until) };
        var held = await unit.QueryAsync<ReservationRow>(new SqlBatch()
            .Add(ExtendReservations, parameters)
            .Add(ExtendPieces, parameters)
            .Add(SelectHeld, parameters), cancellationToken);
        return held.Count;
    }

    /// <summary>
    /// Gives back every line the order still holds (pieces Available again, item quantities freed) and writes Release
    /// movements. Returns the number of lines released; 0 when nothing was held, so a repeat changes nothing.
    /// </summary>
    public Task<int> ReleaseAsync(UnitOfWork unit, string orderId, string reason, CancellationToken cancellationToken) =>
        ReleaseOrderAsync(unit, orderId, reason, expiredBy: null, Now(), cancellationToken);

    /// <summary>Releases every reservation whose hold ended at or before <paramref name="now"/>, each order in a unit of its own; returns their order ids.</summary>
    public async Task<IReadOnlyList<string>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = Microseconds(now);
        List<string> orders;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            orders = (await connection.QueryAsync<string>(Command(SelectExpiredOrders, new { Now = now }, null, cancellationToken))).AsList();
        }

        var released = new List<string>();
        foreach (var orderId in orders)
        {
            await using var unit = await db.BeginUnitAsync(cancellationToken);
            if (await ReleaseOrderAsync(unit, orderId, "expired", expiredBy: now, now, cancellationToken) > 0)
            {
                released.Add(orderId);
            }

            await unit.CommitAsync(cancellationToken);
        }

        return released;
    }

    private static async Task<int> ReleaseOrderAsync(
        UnitOfWork unit, string orderId, string reason, DateTimeOffset? expiredBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var rows = await connection.QueryAsync<ReservationRow>(expiredBy is null
            ? Command(SelectHeld, new { OrderId = orderId }, transaction, cancellationToken)
            : Command(SelectHeldExpired, new { OrderId = orderId, Now = expiredBy.Value }, transaction, cancellationToken));
        var released = 0;
        foreach (var row in rows)
        {
            // A concurrent release or sale that closed the line first wins; this call then leaves it alone.
            var closed = await connection.ExecuteAsync(Command(CloseReservation,
                new { row.Id, Status = nameof(ReservationStatus.Released), Now = now, Reason = reason }, transaction, cancellationToken));
            if (closed == 0)
            {
                continue;
            }

            await PutBackAsync(connection, transaction, row, FreePiece, FreeItem, MovementReason.Release, now, cancellationToken);
            released++;
        }

        return released;
    }

    /// <summary>
    /// Puts a closed line's stock back on sale: the piece with <paramref name="pieceSql"/> (answering its net weight), or
    /// the item quantity with <paramref name="itemSql"/>, and records the movement (key "{reason}:{reservation id}").
    /// </summary>
    private static async Task PutBackAsync(
        DbConnection connection, DbTransaction transaction, ReservationRow row, string pieceSql, string itemSql, MovementReason reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var parameters = new { row.Sku, row.Branch, row.OrderId, row.Quantity };
        long weightMg;
        if (row.IsPiece)
        {
            weightMg = await connection.ExecuteScalarAsync<long?>(Command(pieceSql, parameters, transaction, cancellationToken))
                ?? throw new InvalidOperationException($"Reservation {row.Id} names piece {row.Sku}, but the piece is no longer the order {row.OrderId}'s.");
        }
        else
        {
            await connection.ExecuteAsync(Command(itemSql, parameters, transaction, cancellationToken));
            weightMg = row.Quantity * await connection.ExecuteScalarAsync<long>(Command(UnitWeight, parameters, transaction, cancellationToken));
        }

        await RecordAsync(connection, transaction, new Movement(row.Sku, row.Branch, reason, row.Quantity, weightMg,
            row.OrderId, $"{reason}:{row.Id}", now), cancellationToken);
    }

    private static async Task<IReadOnlyList<ReservedLine>> LiveLinesAsync(DbConnection connection, DbTransaction? transaction, string orderId, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<ReservationRow>(Command(SelectLive, new { OrderId = orderId }, transaction, cancellationToken))).Select(row => row.ToLine())];
}
