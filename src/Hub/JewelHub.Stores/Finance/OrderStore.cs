using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Finance;

/// <summary>Sales orders and their lines. An order is written once per id; its status moves on as it is billed and paid.</summary>
public sealed class OrderStore(Database db, TimeProvider clock)
{
    private const string InsertOrder = """
        INSERT INTO sales_orders (id, customer_id, branch, place_of_supply, status, created_at)
        VALUES (@Id, @CustomerId, @Branch, @PlaceOfSupply, @Status, @CreatedAt)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """;

    private const string InsertLine = """
        INSERT INTO sales_order_lines (order_id, line_no, sku, quantity) VALUES (@OrderId, @LineNo, @Sku, @Quantity)
        """;

    private const string SelectOrder = """
        SELECT id, customer_id, branch, place_of_supply, status FROM sales_orders WHERE id = @Id
        """;

    private const string SelectLines = """
        SELECT sku, quantity FROM sales_order_lines WHERE order_id = @Id ORDER BY line_no
        """;

    // What pricing the order reads, each statement by the order id, so that one command reads it all.
    private const string LineSkus = "SELECT sku FROM sales_order_lines WHERE order_id = @Id";

    private const string SelectPricingData = $"""
        SELECT * FROM pieces WHERE sku IN ({LineSkus});
        SELECT * FROM stones WHERE sku IN ({LineSkus}) ORDER BY sku, id;
        SELECT * FROM stock_items WHERE sku IN ({LineSkus});
        SELECT r.metal, r.fineness, r.price_per_gram_minor, r.currency, r.source, r.as_of FROM metal_rates r
        WHERE r.id IN (
            SELECT (SELECT x.id FROM metal_rates x WHERE x.metal = k.metal AND x.fineness = k.fineness ORDER BY x.as_of DESC, x.id DESC LIMIT 1)
            FROM (SELECT metal, fineness FROM pieces WHERE sku IN ({LineSkus})
                UNION SELECT metal, fineness FROM stock_items WHERE sku IN ({LineSkus})) k)
        """;

    // Read after the order's lock, so a bill committed by the holder of the lock is seen.
    private const string SelectBillOfOrder = """
        SELECT number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor, cgst_minor, sgst_minor,
            igst_minor, total_minor, paid_minor, status, place_of_supply, issued_at
        FROM bills WHERE order_id = @Id
        """;

    private const string CountLiveReservations = "SELECT count(*) FROM reservations WHERE order_id = @Id AND status <> 'Released'";

    private const string UpdateStatus = """
        UPDATE sales_orders SET status = @Status WHERE id = @Id
        """;

    private const string CancelOpen = """
        UPDATE sales_orders SET status = 'Cancelled' WHERE id = @Id AND status IN ('Open', 'Reserved', 'Cancelled')
        RETURNING id
        """;

    /// <summary>Records an order with its lines. Idempotent by id: a second call returns the stored order and false.</summary>
    public async Task<(SalesOrder Order, bool Created)> CreateOrderAsync(UnitOfWork unit, SalesOrder order, CancellationToken cancellationToken)
    {
        if (order.Lines.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(order));
        }

        var inserted = await unit.Connection.ExecuteScalarAsync<string?>(unit.Command(InsertOrder, new
        {
            order.Id,
            CustomerId = order.CustomerId?.ToString(),
            order.Branch,
            order.PlaceOfSupply,
            Status = order.Status.ToString(),
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken));
        if (inserted is null)
        {
            return ((await ReadAsync(unit.Connection, unit.Transaction, order.Id, cancellationToken))!, false);
        }

        // New: the stored order is the one given, so it is not read back.
        await unit.ExecuteAsync(new SqlBatch().AddEach(InsertLine, order.Lines.Select((line, i) => new
        {
            OrderId = order.Id,
            LineNo = i + 1,
            line.Sku,
            line.Quantity,
        })), cancellationToken);
        return (order with { Lines = [.. order.Lines] }, true);
    }

    /// <summary>The order with its lines, or null.</summary>
    public async Task<SalesOrder?> GetOrderAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The order with its lines as the unit sees it (with what it wrote), or null.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public Task<SalesOrder?> GetOrderAsync(UnitOfWork unit, string id, CancellationToken cancellationToken) =>
        ReadAsync(unit.Connection, unit.Transaction, id, cancellationToken);

    /// <summary>The order with what pricing it needs (pieces, stones, stock items, current rates), read in one round trip; null when there is no such order.</summary>
    public async Task<PricingSnapshot?> GetForPricingAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadForPricingAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The same, as the unit sees it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public Task<PricingSnapshot?> GetForPricingAsync(UnitOfWork unit, string id, CancellationToken cancellationToken) =>
        ReadForPricingAsync(unit.Connection, unit.Transaction, id, cancellationToken);

    private static async Task<PricingSnapshot?> ReadForPricingAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var sql = $"{SelectOrder};\n{SelectLines};\n{SelectPricingData}";
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        var order = await ReadOrderAsync(grid);
        return order is null ? null : await ReadPricingAsync(grid, order);
    }

    /// <summary>Cancels an order that is not billed. Returns false when it is billed or paid (void the bill first).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public async Task<bool> CancelAsync(UnitOfWork unit, string id, CancellationToken cancellationToken) =>
        await unit.Connection.ExecuteScalarAsync<string?>(unit.Command(CancelOpen, new { Id = id }, cancellationToken)) is not null;

    /// <summary>
    /// For issuing the order's bill, in one round trip: locks the order row (PostgreSQL) and then reads its lines, its
    /// bill if it has one, whether it holds a live reservation, and what pricing it needs.
    /// </summary>
    internal async Task<OrderForIssue?> LockForIssueAsync(UnitOfWork unit, string id, CancellationToken cancellationToken)
    {
        var sql = $"{SelectOrder} {db.Dialect.ForUpdate};\n{SelectLines};\n{SelectBillOfOrder};\n{CountLiveReservations};\n{SelectPricingData}";
        await using var grid = await unit.Connection.QueryMultipleAsync(unit.Command(sql, new { Id = id }, cancellationToken));
        var order = await ReadOrderAsync(grid);
        if (order is null)
        {
            return null;
        }

        var bill = await grid.ReadSingleOrDefaultAsync<BillRow>();
        var held = await grid.ReadSingleAsync<long>() > 0;
        return new OrderForIssue(await ReadPricingAsync(grid, order), bill, held);
    }

    /// <summary>Locks the order row (PostgreSQL) and then reads the order and its bill, if any, in one round trip.</summary>
    internal async Task<(SalesOrder? Order, BillRow? Bill)> LockWithBillAsync(UnitOfWork unit, string id, CancellationToken cancellationToken)
    {
        var sql = $"{SelectOrder} {db.Dialect.ForUpdate};\n{SelectLines};\n{SelectBillOfOrder}";
        await using var grid = await unit.Connection.QueryMultipleAsync(unit.Command(sql, new { Id = id }, cancellationToken));
        var order = await ReadOrderAsync(grid);
        return order is null ? (null, null) : (order, await grid.ReadSingleOrDefaultAsync<BillRow>());
    }

    /// <summary>The statement that moves the order to <paramref name="status"/>, for the caller to send with its other writes.</summary>
    internal static SqlBatch SetStatus(string id, SalesOrderStatus status) =>
        new SqlBatch().Add(UpdateStatus, new { Id = id, Status = status.ToString() });

    private static async Task<SalesOrder?> ReadAsync(
        DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            SelectOrder, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<LineRow>(new CommandDefinition(
            SelectLines, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return row.ToOrder(lines);
    }

    private static async Task<SalesOrder?> ReadOrderAsync(SqlMapper.GridReader grid)
    {
        var row = await grid.ReadSingleOrDefaultAsync<OrderRow>();
        var lines = await grid.ReadAsync<LineRow>();
        return row is null ? null : row.ToOrder(lines);
    }

    private static async Task<PricingSnapshot> ReadPricingAsync(SqlMapper.GridReader grid, SalesOrder order)
    {
        var pieces = (await grid.ReadAsync<PieceRow>()).AsList();
        var stones = (await grid.ReadAsync<StoneRow>()).ToLookup(stone => stone.Sku, StringComparer.Ordinal);
        var items = await grid.ReadAsync<StockItemRow>();
        var rates = await grid.ReadAsync<RateStore.RateRow>();
        return new PricingSnapshot(
            order,
            pieces.ToDictionary(piece => piece.Sku, piece => piece.ToPiece([.. stones[piece.Sku].Select(stone => stone.ToStone())]), StringComparer.Ordinal),
            items.ToDictionary(item => item.Sku, item => item.ToStockItem(), StringComparer.Ordinal),
            [.. rates.Select(rate => rate.ToRate())]);
    }

    private sealed class OrderRow
    {
        public required string Id { get; init; }
        public string? CustomerId { get; init; }
        public required string Branch { get; init; }
        public required string PlaceOfSupply { get; init; }
        public required string Status { get; init; }

        public SalesOrder ToOrder(IEnumerable<LineRow> lines) => new()
        {
            Id = Id,
            CustomerId = CustomerId is null ? null : Guid.Parse(CustomerId),
            Branch = Branch,
            PlaceOfSupply = PlaceOfSupply,
            Status = Enum.Parse<SalesOrderStatus>(Status),
            Lines = lines.Select(line => new SalesOrderLine(line.Sku, line.Quantity)).ToList(),
        };
    }

    private sealed class LineRow
    {
        public required string Sku { get; init; }
        public int Quantity { get; init; }
    }
}

/// <summary>What issuing an order's bill reads under the order's lock.</summary>
internal sealed record OrderForIssue(PricingSnapshot Pricing, BillRow? Bill, bool Held);
