using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;

namespace JewelHub.Stores.Importing.Pieces;

/// <summary>
/// Writes a batch of legacy pieces with their stones inside the caller's transaction. A tag already in
/// inventory.piece_refs under the system is unchanged when the row agrees with the hub's piece (the hub's record wins, so
/// re-running a file writes nothing), and a conflict when it gives another SKU, category, metal, fineness, weight or
/// HUID (see <see cref="PieceFacts"/>); a new
/// tag whose SKU is already a piece or stock item, or whose HUID is on another piece, is rejected before anything of it
/// is written. A new piece gets its stones, its reference and an Opening movement, all in the batch's transaction.
/// </summary>
public sealed class PieceImporter(Database db, TimeProvider clock)
{
    /// <summary>The pieces a batch writes (public so the import benchmark's ceiling writes exactly the same columns).</summary>
    public static readonly BulkTable Pieces = new("pieces",
    [
        new("sku", BulkType.Text), new("category", BulkType.Text), new("metal", BulkType.Text), new("fineness", BulkType.Int4),
        new("gross_mg", BulkType.BigInt), new("net_mg", BulkType.BigInt), new("making_mode", BulkType.Text),
        new("making_value_hundredths", BulkType.BigInt), new("wastage_hundredths", BulkType.BigInt),
        new("other_charges_minor", BulkType.BigInt), new("huid", BulkType.Text), new("hsn", BulkType.Text),
        new("branch", BulkType.Text), new("status", BulkType.Text), new("attributes", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["sku"], BulkMode.Insert);

    /// <summary>The stones of the batch's pieces.</summary>
    public static readonly BulkTable Stones = new("stones",
    [
        new("sku", BulkType.Text), new("type", BulkType.Text), new("shape", BulkType.Text), new("count", BulkType.Int4),
        new("carats_thousandths", BulkType.BigInt), new("colour", BulkType.Text), new("clarity", BulkType.Text),
        new("lab", BulkType.Text), new("report_number", BulkType.Text), new("lab_grown", BulkType.Boolean),
        new("value_minor", BulkType.BigInt),
    ], [], BulkMode.Insert);

    // References and opening movements are plain inserts (COPY straight into the tables on PostgreSQL), like the pieces:
    // a tag already referenced is skipped as known, and another import writing the same tag meanwhile writes its piece
    // first, so the pieces insert of this batch fails on the same SKU before these run. An opening's key
    // (Opening:system:tag; neither part can hold a colon) is written only here, with the tag's reference.
    /// <summary>The legacy tag of each piece.</summary>
    public static readonly BulkTable References = new("piece_refs",
    [
        new("system", BulkType.Text), new("external_id", BulkType.Text), new("sku", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["system", "external_id"], BulkMode.Insert);

    /// <summary>Each new piece's opening stock movement.</summary>
    public static readonly BulkTable Openings = ImportTables.Movements.As(BulkMode.Insert);

    // A tag already referenced comes with what the hub holds of its piece, to tell a repeat from a conflict.
    private static string SelectReferences(ISqlDialect dialect) => $"""
        SELECT r.external_id, p.sku, p.category, p.metal, p.fineness, p.gross_mg, p.net_mg, p.huid
        FROM piece_refs r JOIN pieces p ON p.sku = r.sku
        WHERE r.system = @System AND {dialect.InList("r.external_id", "@Ids")}
        """;

    private static string SelectTakenSkus(ISqlDialect dialect) => $"""
        SELECT sku FROM pieces WHERE {dialect.InList("sku", "@Skus")}
        UNION SELECT sku FROM stock_items WHERE {dialect.InList("sku", "@Skus")}
        """;

    private static string SelectTakenHuids(ISqlDialect dialect) => $"SELECT huid, sku FROM pieces WHERE {dialect.InList("huid", "@Huids")}";

    private readonly IBulkWriter _writer = IBulkWriter.For(db);
    private readonly string _selectReferences = SelectReferences(db.Dialect);
    private readonly string _selectTakenSkus = SelectTakenSkus(db.Dialect);
    private readonly string _selectTakenHuids = SelectTakenHuids(db.Dialect);

    /// <summary>Resolves and writes the rows in file order, looking up their keys inside the transaction; returns the counts and the rows refused.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<PieceImportRow> rows, CancellationToken cancellationToken) =>
        await WriteAsync(connection, transaction, system, rows, await LookUpAsync(connection, transaction, system, rows, cancellationToken), cancellationToken);

    /// <summary>Reads which of the rows' tags, SKUs and HUIDs the store already holds (inside a transaction or not).</summary>
    public async Task<PieceLookUp> LookUpAsync(
        DbConnection connection, DbTransaction? transaction, string system, IReadOnlyList<PieceImportRow> rows, CancellationToken cancellationToken)
    {
        var known = (await connection.QueryAsync<(string ExternalId, string Sku, string Category, string Metal, long Fineness, long GrossMg, long NetMg, string? Huid)>(
            new CommandDefinition(_selectReferences, new
            {
                System = system,
                Ids = db.Dialect.ListValue(rows.Select(r => r.ExternalId).Distinct().ToArray()),
            }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(k => k.ExternalId, k => new PieceFacts(k.Sku, k.Category, k.Metal, (int)k.Fineness, k.GrossMg, k.NetMg, k.Huid), StringComparer.Ordinal);
        var takenSkus = (await connection.QueryAsync<string>(new CommandDefinition(_selectTakenSkus, new
        {
            Skus = db.Dialect.ListValue(rows.Select(r => r.Sku).Distinct().ToArray()),
        }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var takenHuids = (await connection.QueryAsync<(string Huid, string Sku)>(new CommandDefinition(_selectTakenHuids, new
        {
            Huids = db.Dialect.ListValue(rows.Where(r => r.Huid is not null).Select(r => r.Huid!).Distinct().ToArray()),
        }, transaction, cancellationToken: cancellationToken))).ToDictionary(t => t.Huid, t => t.Sku, StringComparer.Ordinal);
        return new PieceLookUp(known, takenSkus, takenHuids);
    }

    /// <summary>Resolves and writes the rows in file order against a look-up made for them; returns the counts and the rows refused.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<PieceImportRow> rows, PieceLookUp lookUp, CancellationToken cancellationToken)
    {
        var inserted = new List<PieceImportRow>();
        var rejects = new List<ImportReject>();
        List<ImportReject>? conflicts = null;
        long unchanged = 0;
        foreach (var row in rows)
        {
            if (lookUp.References.TryGetValue(row.ExternalId, out var held))
            {
                if (held.Conflict(row) is { } conflict)
                {
                    (conflicts ??= []).Add(conflict);
                }
                else
                {
                    unchanged++;
                }
            }
            else if (lookUp.Skus.Contains(row.Sku))
            {
                rejects.Add(new ImportReject(row.RowNumber, "sku", $"{row.Sku} is already a piece or stock item in the hub", ""));
            }
            else if (row.Huid is not null && lookUp.Huids.TryGetValue(row.Huid, out var holder))
            {
                rejects.Add(new ImportReject(row.RowNumber, "huid", $"HUID {row.Huid} is already on piece {holder}", ""));
            }
            else
            {
                lookUp.Add(row);
                inserted.Add(row);
            }
        }

        var now = clock.GetUtcNow();
        await _writer.WriteAsync(connection, transaction, Pieces, inserted.Select(p => new object?[]
        {
            p.Sku, p.Category, p.Metal, p.Fineness, p.GrossMg, p.NetMg, p.MakingMode, p.MakingValueHundredths, p.WastageHundredths,
            p.OtherChargesMinor, p.Huid, p.Hsn, p.Branch, p.Status, p.Attributes, now,
        }).ToList(), cancellationToken);
        await _writer.WriteAsync(connection, transaction, Stones, inserted.SelectMany(p => p.Stones.Select(s => new object?[]
        {
            p.Sku, s.Type, s.Shape, s.Count, s.CaratsThousandths, s.Colour, s.Clarity, s.Lab, s.ReportNumber, s.LabGrown, s.ValueMinor,
        })).ToList(), cancellationToken);
        await _writer.WriteAsync(connection, transaction, References, inserted.Select(p => new object?[]
        {
            system, p.ExternalId, p.Sku, now,
        }).ToList(), cancellationToken);
        // The piece's first movement: it was on the books when the hub took over (a sold piece adds nothing to stock).
        await _writer.WriteAsync(connection, transaction, Openings, inserted.Select(p => new object?[]
        {
            p.Sku, p.Branch, nameof(MovementReason.Opening), p.Status == nameof(PieceStatus.Sold) ? 0 : 1,
            p.Status == nameof(PieceStatus.Sold) ? 0L : p.NetMg, $"import:{system}", $"Opening:{system}:{p.ExternalId}", now,
        }).ToList(), cancellationToken);
        return new ImportBatchResult(new ImportCounts(inserted.Count + unchanged, inserted.Count, 0, 0, unchanged, 0), [], rejects, conflicts);
    }
}
