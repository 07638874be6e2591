using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;

namespace JewelHub.Stores.Finance;

/// <summary>Sales orders and their lines. An order is written once per id; its status moves on as it is billed and paid.</summary>
public sealed class OrderStore(Database db, TimeProvider clock)
{
    private const string InsertOrder = """
        INSERT INTO finance.sales_orders (id, customer_id, branch, place_of_supply, status, created_at)
        VALUES (@Id, @CustomerId, @Branch, @PlaceOfSupply, @Status, @CreatedAt)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """;

    private const string InsertLine = """
        INSERT INTO finance.sales_order_lines (order_id, line_no, sku, quantity) VALUES (@OrderId, @LineNo, @Sku, @Quantity)
        """;

    private const string SelectOrder = """
        SELECT id, customer_id, branch, place_of_supply, status FROM finance.sales_orders WHERE id = @Id
        """;

    private const string SelectLines = """
        SELECT sku, quantity FROM finance.sales_order_lines WHERE order_id = @Id ORDER BY line_no
        """;

    private const string UpdateStatus = """
        UPDATE finance.sales_orders SET status = @Status WHERE id = @Id
        """;

    private const string CancelOpen = """
        UPDATE finance.sales_orders SET status = 'Cancelled' WHERE id = @Id AND status IN ('Open', 'Reserved', 'Cancelled')
        RETURNING id
        """;

    /// <summary>Records an order with its lines. Idempotent by id: a second call returns the stored order and false.</summary>
    public async Task<(SalesOrder Order, bool Created)> CreateOrderAsync(SalesOrder order, CancellationToken cancellationToken)
    {
        if (order.Lines.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(order));
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(db.Sql(InsertOrder), new
        {
            order.Id,
            CustomerId = order.CustomerId?.ToString(),
            order.Branch,
            order.PlaceOfSupply,
            Status = order.Status.ToString(),
            CreatedAt = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        if (inserted is not null)
        {
            for (var i = 0; i < order.Lines.Count; i++)
            {
                await connection.ExecuteAsync(new CommandDefinition(db.Sql(InsertLine), new
                {
                    OrderId = order.Id,
                    LineNo = i + 1,
                    order.Lines[i].Sku,
                    order.Lines[i].Quantity,
                }, transaction, cancellationToken: cancellationToken));
            }
        }

        var stored = await ReadAsync(connection, transaction, order.Id, lockRow: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored!, inserted is not null);
    }

    /// <summary>The order with its lines, or null.</summary>
    public async Task<SalesOrder?> GetOrderAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, lockRow: false, cancellationToken);
    }

    /// <summary>Cancels an order that is not billed. Returns false when it is billed or paid (void the bill first).</summary>
    public async Task<bool> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            db.Sql(CancelOpen), new { Id = id }, cancellationToken: cancellationToken));
        return updated is not null;
    }

    /// <summary>Reads the order and, on PostgreSQL, locks its row until the transaction ends.</summary>
    internal Task<SalesOrder?> LockAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, id, lockRow: true, cancellationToken);

    internal Task SetStatusAsync(
        DbConnection connection, DbTransaction transaction, string id, SalesOrderStatus status, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            db.Sql(UpdateStatus), new { Id = id, Status = status.ToString() }, transaction, cancellationToken: cancellationToken));

    private async Task<SalesOrder?> ReadAsync(
        DbConnection connection, DbTransaction? transaction, string id, bool lockRow, CancellationToken cancellationToken)
    {
        var sql = lockRow ? $"{SelectOrder} {db.Dialect.ForUpdate}" : SelectOrder;
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            db.Sql(sql), new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<LineRow>(new CommandDefinition(
            db.Sql(SelectLines), new { Id = id }, transaction, cancellationToken: cancellationToken));
        return new SalesOrder
        {
            Id = row.Id,
            CustomerId = row.CustomerId is null ? null : Guid.Parse(row.CustomerId),
            Branch = row.Branch,
            PlaceOfSupply = row.PlaceOfSupply,
            Status = Enum.Parse<SalesOrderStatus>(row.Status),
            Lines = lines.Select(line => new SalesOrderLine(line.Sku, line.Quantity)).ToList(),
        };
    }

    private sealed class OrderRow
    {
        public required string Id { get; init; }
        public string? CustomerId { get; init; }
        public required string Branch { get; init; }
        public required string PlaceOfSupply { get; init; }
        public required string Status { get; init; }
    }

    private sealed class LineRow
    {
        public required string Sku { get; init; }
        public int Quantity { get; init; }
    }
}
