using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;

namespace JewelHub.Stores.Inventory;

/// <summary>
/// Pieces, fungible stock, reservations and the movement ledger. Every change writes a movement with quantity and
/// weight deltas, a reason, a reference and a time; every effect is idempotent on a caller's key; concurrency is
/// settled by conditional updates and unique constraints in the database.
/// </summary>
public sealed partial class InventoryStore(Database db, TimeProvider clock)
{
    private const string InsertPiece = """
        INSERT INTO pieces (sku, category, metal, fineness, gross_mg, net_mg, making_mode, making_value_hundredths,
            wastage_hundredths, other_charges_minor, huid, hsn, branch, status, created_at)
        VALUES (@Sku, @Category, @Metal, @Fineness, @GrossMg, @NetMg, @MakingMode, @MakingValueHundredths,
            @WastageHundredths, @OtherChargesMinor, @Huid, @Hsn, @Branch, @Status, @CreatedAt)
        """;

    private const string InsertStone = """
        INSERT INTO stones (sku, type, shape, count, carats_thousandths, colour, clarity, lab, report_number, lab_grown, value_minor)
        VALUES (@Sku, @Type, @Shape, @Count, @CaratsThousandths, @Colour, @Clarity, @Lab, @ReportNumber, @LabGrown, @ValueMinor)
        """;

    private const string SelectPiece = "SELECT * FROM pieces WHERE sku = @Sku";
    private const string SelectStones = "SELECT * FROM stones WHERE sku = @Sku ORDER BY id";
    private const string PieceSkuTaken = "SELECT count(*) FROM pieces WHERE sku = @Sku";
    private const string HuidTaken = "SELECT count(*) FROM pieces WHERE huid = @Huid";
    private const string ItemSkuTaken = "SELECT count(*) FROM stock_items WHERE sku = @Sku";

    // Whether a new piece's SKU is already a piece or a stock item, and whether its HUID is on a piece, in one query.
    private const string PieceTaken = $"""
        SELECT ({PieceSkuTaken}) + ({ItemSkuTaken}) AS sku_taken, ({HuidTaken}) AS huid_taken
        """;

    private const string InsertStockItem = """
        INSERT INTO stock_items (sku, category, metal, fineness, unit_mg, making_mode, making_value_hundredths, hsn, created_at)
        VALUES (@Sku, @Category, @Metal, @Fineness, @UnitMg, @MakingMode, @MakingValueHundredths, @Hsn, @CreatedAt)
        """;

    private const string SelectStockItem = "SELECT * FROM stock_items WHERE sku = @Sku";

    private const string CreatePieceSavepoint = "create_piece";

    private const string InsertMovement = """
        INSERT INTO movements (sku, branch, reason, quantity_delta, weight_delta_mg, reference, idempotency_key, at)
        VALUES (@Sku, @Branch, @Reason, @QuantityDelta, @WeightDeltaMg, @Reference, @IdempotencyKey, @At)
        """;

    private const string InsertMovementReturningId = $"{InsertMovement} RETURNING id";

    private const string SelectMovements = "SELECT * FROM movements WHERE sku = @Sku ORDER BY id";

    /// <summary>
    /// Tags a new piece into its branch as Available and records its receipt. Refused when the SKU is already a piece
    /// or a stock item, or the HUID is on another piece.
    /// </summary>
    public async Task<CreatePieceResult> CreatePieceAsync(UnitOfWork unit, Piece piece, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await PieceConflictAsync(connection, transaction, piece, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var savepoint = await unit.SavepointAsync(CreatePieceSavepoint, cancellationToken);
        try
        {
            await AddPieceAsync(connection, transaction, piece, $"piece:{piece.Sku.Value}", cancellationToken);
            return CreatePieceResult.Created;
        }
        catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            await savepoint.RollbackAsync(cancellationToken);
        }

        // A concurrent call stored the same SKU or HUID first.
        return await PieceConflictAsync(connection, transaction, piece, cancellationToken)
            ?? throw new InvalidOperationException($"Piece {piece.Sku} hit a unique constraint that no longer holds.");
    }

    /// <summary>The piece with its stones, whatever its status, or null.</summary>
    public async Task<Piece?> GetPieceAsync(string sku, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PieceRow>(Command(SelectPiece, new { Sku = sku }, null, cancellationToken));
        if (row is null)
        {
            return null;
        }

        var stones = await connection.QueryAsync<StoneRow>(Command(SelectStones, new { Sku = sku }, null, cancellationToken));
        return row.ToPiece([.. stones.Select(stone => stone.ToStone())]);
    }

    /// <summary>
    /// The pieces whose attributes (what a migration kept from an old system's columns) have the key, and with
    /// <paramref name="value"/> also that value; at most <paramref name="limit"/>, by SKU.
    /// </summary>
    public async Task<IReadOnlyList<Piece>> FindPiecesByAttributeAsync(string key, string? value, int limit, CancellationToken cancellationToken)
    {
        var pieces = new List<Piece>();
        foreach (var sku in await SkusByAttributeAsync("pieces", key, value, limit, cancellationToken))
        {
            pieces.Add((await GetPieceAsync(sku, cancellationToken))!);
        }

        return pieces;
    }

    /// <summary>The stock items whose attributes have the key (and value); at most <paramref name="limit"/>, by SKU.</summary>
    public async Task<IReadOnlyList<StockItem>> FindStockItemsByAttributeAsync(string key, string? value, int limit, CancellationToken cancellationToken)
    {
        var items = new List<StockItem>();
        foreach (var sku in await SkusByAttributeAsync("stock_items", key, value, limit, cancellationToken))
        {
            items.Add((await GetStockItemAsync(sku, cancellationToken))!);
        }

        return items;
    }

    private async Task<IEnumerable<string>> SkusByAttributeAsync(string table, string key, string? value, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT sku FROM {table} WHERE {db.Dialect.JsonObjectHas("attributes", "@Key", value is null ? null : "@Value")} ORDER BY sku LIMIT @Limit";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(Command(sql, new { Key = key, Value = value, Limit = limit }, null, cancellationToken))).ToList();
    }

    /// <summary>Defines a fungible stock item (no stock yet); false when the SKU is already an item or a piece.</summary>
    public async Task<bool> CreateStockItemAsync(UnitOfWork unit, StockItem item, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var sku = new { Sku = item.Sku.Value };
        if (await CountAsync(connection, transaction, PieceSkuTaken, sku, cancellationToken) > 0
            || await CountAsync(connection, transaction, ItemSkuTaken, sku, cancellationToken) > 0)
        {
            return false;
        }

        var savepoint = await unit.SavepointAsync(CreatePieceSavepoint, cancellationToken);
        try
        {
            await connection.ExecuteAsync(Command(InsertStockItem, StockItemRow.Parameters(item, Now()), transaction, cancellationToken));
            return true;
        }
        catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            // A concurrent call defined the same SKU first.
            await savepoint.RollbackAsync(cancellationToken);
            return false;
        }
    }

    /// <summary>The stock item definition, or null.</summary>
    public async Task<StockItem?> GetStockItemAsync(string sku, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StockItemRow>(Command(SelectStockItem, new { Sku = sku }, null, cancellationToken));
        return row?.ToStockItem();
    }

    /// <summary>Every movement of a SKU, oldest first.</summary>
    public async Task<IReadOnlyList<StockMovement>> MovementsAsync(string sku, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MovementRow>(Command(SelectMovements, new { Sku = sku }, null, cancellationToken));
        return [.. rows.Select(row => row.ToMovement())];
    }

    private static async Task<CreatePieceResult?> PieceConflictAsync(DbConnection connection, DbTransaction? transaction, Piece piece, CancellationToken cancellationToken)
    {
        var taken = await connection.QuerySingleAsync<Taken>(Command(PieceTaken, new { Sku = piece.Sku.Value, Huid = piece.Huid?.Value }, transaction, cancellationToken));
        return taken.SkuTaken > 0 ? CreatePieceResult.DuplicateSku
            : taken.HuidTaken > 0 ? CreatePieceResult.DuplicateHuid
            : null;
    }

    /// <summary>Inserts an Available piece, its stones and its receipt movement.</summary>
    private async Task AddPieceAsync(DbConnection connection, DbTransaction transaction, Piece piece, string reference, CancellationToken cancellationToken)
    {
        var now = Now();
        var available = piece with { Status = PieceStatus.Available };
        await connection.ExecuteAsync(Command(InsertPiece, PieceRow.Parameters(available, now), transaction, cancellationToken));
        foreach (var stone in piece.Stones)
        {
            await connection.ExecuteAsync(Command(InsertStone, StoneRow.Parameters(piece.Sku.Value, stone), transaction, cancellationToken));
        }

        await RecordAsync(connection, transaction, new Movement(piece.Sku.Value, piece.Branch, MovementReason.Receipt, 1,
            Units.Milligrams(piece.NetWeight), reference, $"Receipt:{reference}:{piece.Sku.Value}", now), cancellationToken);
    }

    private static Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, Movement movement, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(InsertMovement, movement.ToParameters(), transaction, cancellationToken));

    /// <summary>The same for a caller that answers with the movement's id.</summary>
    private static Task<long> RecordReturningIdAsync(DbConnection connection, DbTransaction transaction, Movement movement, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(Command(InsertMovementReturningId, movement.ToParameters(), transaction, cancellationToken));

    /// <summary>The inserts of <paramref name="movements"/>, for the caller to send with its other writes.</summary>
    private static SqlBatch Movements(IEnumerable<Movement> movements) =>
        new SqlBatch().AddEach(InsertMovement, movements.Select(movement => movement.ToParameters()));

    // PostgreSQL keeps microseconds: times are cut to that so what a call returns equals what a repeat reads back.
    private static DateTimeOffset Microseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    private DateTimeOffset Now() => Microseconds(clock.GetUtcNow());

    private static Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(Command(sql, parameters, transaction, cancellationToken));

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private sealed class Taken
    {
        public long SkuTaken { get; init; }
        public long HuidTaken { get; init; }
    }

    private sealed record Movement(string Sku, string Branch, MovementReason Reason, int QuantityDelta, long WeightDeltaMg,
        string Reference, string IdempotencyKey, DateTimeOffset At)
    {
        /// <summary>The parameters of <see cref="InsertMovement"/> (the reason as text).</summary>
        public MovementParameters ToParameters() =>
            new(Sku, Branch, Reason.ToString(), QuantityDelta, WeightDeltaMg, Reference, IdempotencyKey, At);
    }

    private sealed record MovementParameters(string Sku, string Branch, string Reason, int QuantityDelta, long WeightDeltaMg,
        string Reference, string IdempotencyKey, DateTimeOffset At);
}
