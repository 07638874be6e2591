using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;

namespace JewelHub.Stores.Importing.StockLevels;

/// <summary>
/// Sets opening stock levels of fungible items inside the caller's transaction. Each (system, item, branch) is imported
/// once: the level becomes the file's quantity and an Opening movement with the idempotency key
/// Opening:{system}:{item}:{branch} records the difference, so a re-run finds the key and adds nothing. An item the hub
/// does not know is defined from the row (category "fungible", unit weight = weight / quantity).
/// </summary>
public sealed class StockLevelImporter(Database db, TimeProvider clock)
{
    public const string NewItemCategory = "fungible";

    private static readonly BulkTable Items = new("stock_items",
    [
        new("sku", BulkType.Text), new("category", BulkType.Text), new("metal", BulkType.Text), new("fineness", BulkType.Int4),
        new("unit_mg", BulkType.BigInt), new("making_mode", BulkType.Text), new("making_value_hundredths", BulkType.BigInt),
        new("hsn", BulkType.Text), new("attributes", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["sku"], BulkMode.Insert);

    private static readonly BulkTable NewLevels = new("stock_levels",
    [
        new("sku", BulkType.Text), new("branch", BulkType.Text), new("on_hand", BulkType.Int4), new("reserved", BulkType.Int4),
    ], ["sku", "branch"], BulkMode.Insert);

    private static readonly BulkTable LevelUpdates = new("stock_levels",
    [
        new("sku", BulkType.Text), new("branch", BulkType.Text), new("on_hand", BulkType.Int4),
    ], ["sku", "branch"], BulkMode.Update);

    private static string SelectImported(ISqlDialect dialect) => $"SELECT idempotency_key FROM movements WHERE {dialect.InList("idempotency_key", "@Keys")}";
    private static string SelectItems(ISqlDialect dialect) => $"SELECT sku, unit_mg FROM stock_items WHERE {dialect.InList("sku", "@Skus")}";
    private static string SelectPieces(ISqlDialect dialect) => $"SELECT sku FROM pieces WHERE {dialect.InList("sku", "@Skus")}";
    private static string SelectLevels(ISqlDialect dialect) => $"SELECT sku, branch, on_hand, reserved FROM stock_levels WHERE {dialect.InList("sku", "@Skus")}";

    private readonly IBulkWriter _writer = IBulkWriter.For(db);
    private readonly string _selectImported = SelectImported(db.Dialect);
    private readonly string _selectItems = SelectItems(db.Dialect);
    private readonly string _selectPieces = SelectPieces(db.Dialect);
    private readonly string _selectLevels = SelectLevels(db.Dialect);

    /// <summary>The idempotency key of an imported opening level.</summary>
    public static string OpeningKey(string system, string sku, string branch) => $"Opening:{system}:{sku}:{branch}";

    /// <summary>Resolves and writes the rows in file order; returns the counts and the rows refused.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<StockLevelImportRow> rows, CancellationToken cancellationToken)
    {
        var skus = db.Dialect.ListValue(rows.Select(r => r.Sku).Distinct().ToArray());
        var imported = (await connection.QueryAsync<string>(new CommandDefinition(_selectImported, new
        {
            Keys = db.Dialect.ListValue(rows.Select(r => OpeningKey(system, r.Sku, r.Branch)).Distinct().ToArray()),
        }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var items = (await connection.QueryAsync<(string Sku, long UnitMg)>(new CommandDefinition(_selectItems, new { Skus = skus }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(i => i.Sku, i => i.UnitMg, StringComparer.Ordinal);
        var pieces = (await connection.QueryAsync<string>(new CommandDefinition(_selectPieces, new { Skus = skus }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        var levels = (await connection.QueryAsync<(string Sku, string Branch, int OnHand, int Reserved)>(new CommandDefinition(
            _selectLevels, new { Skus = skus }, transaction, cancellationToken: cancellationToken))).ToDictionary(l => (l.Sku, l.Branch), l => (l.OnHand, l.Reserved));

        var now = clock.GetUtcNow();
        var newItems = new List<object?[]>();
        var newLevels = new List<object?[]>();
        var updatedLevels = new List<object?[]>();
        var movements = new List<object?[]>();
        var rejects = new List<ImportReject>();
        long unchanged = 0;
        foreach (var row in rows)
        {
            var key = OpeningKey(system, row.Sku, row.Branch);
            if (imported.Contains(key))
            {
                unchanged++;
                continue;
            }

            if (pieces.Contains(row.Sku))
            {
                rejects.Add(new ImportReject(row.RowNumber, "sku", $"{row.Sku} is a tagged piece, not a stock item", ""));
                continue;
            }

            if (!items.TryGetValue(row.Sku, out var unitMg))
            {
                if (row.Metal is null || row.Fineness is null)
                {
                    rejects.Add(new ImportReject(row.RowNumber, row.Metal is null ? "metal" : "fineness",
                        $"is required to define {row.Sku}, an item the hub does not know yet", ""));
                    continue;
                }

                unitMg = row.OnHand > 0 && row.WeightMg is { } weight ? (long)Math.Round((decimal)weight / row.OnHand, MidpointRounding.AwayFromZero) : 0;
                items[row.Sku] = unitMg;
                newItems.Add([row.Sku, NewItemCategory, row.Metal, row.Fineness, unitMg, nameof(MakingChargeMode.PerGram), 0L, "7114", row.Attributes, now]);
            }

            var exists = levels.TryGetValue((row.Sku, row.Branch), out var level);
            if (row.OnHand < level.Reserved)
            {
                rejects.Add(new ImportReject(row.RowNumber, "onHand", $"{row.OnHand} is less than the {level.Reserved} already reserved at {row.Branch}", ""));
                continue;
            }

            (exists ? updatedLevels : newLevels).Add(exists ? [row.Sku, row.Branch, row.OnHand] : [row.Sku, row.Branch, row.OnHand, 0]);
            var delta = row.OnHand - level.OnHand;
            movements.Add([row.Sku, row.Branch, nameof(MovementReason.Opening), delta, delta * unitMg, $"import:{system}", key, now]);
            imported.Add(key);
            levels[(row.Sku, row.Branch)] = (row.OnHand, level.Reserved);
        }

        await _writer.WriteAsync(connection, transaction, Items, newItems, cancellationToken);
        await _writer.WriteAsync(connection, transaction, NewLevels, newLevels, cancellationToken);
        await _writer.WriteAsync(connection, transaction, LevelUpdates, updatedLevels, cancellationToken);
        await _writer.WriteAsync(connection, transaction, ImportTables.Movements, movements, cancellationToken);
        return new ImportBatchResult(
            new ImportCounts(newLevels.Count + updatedLevels.Count + unchanged, newLevels.Count, updatedLevels.Count, 0, unchanged, 0), [], rejects);
    }
}
