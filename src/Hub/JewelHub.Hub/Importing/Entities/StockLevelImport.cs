using System.Data.Common;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Importing;
using JewelHub.Stores.Importing.StockLevels;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>
/// Opening levels of fungible stock per item and branch. Importing a level sets it (once per system, item and branch,
/// recorded as an Opening movement), so a re-run adds nothing.
/// </summary>
public sealed class StockLevelImport(StockLevelImporter importer) : IEntityImport
{
    public string Name => "stock-levels";

    public string MapEntity => "stock-level";

    public bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, RowSource source, out object row, out string column, out string reason)
    {
        row = null!;
        var code = (string)record["sku"]!;
        if (!Sku.TryParse(code, out var sku, out var error))
        {
            (column, reason) = ("sku", $"'{code}' {error}");
            return false;
        }

        var onHand = (int)record["onHand"]!;
        if (onHand is < 0 or > Bounds.MaxOnHand)
        {
            (column, reason) = ("onHand", $"{onHand} must be between 0 and {Bounds.MaxOnHand}");
            return false;
        }

        var metal = record.TryGetValue("metal", out var m) ? (Metal?)m : null;
        var fineness = record.TryGetValue("fineness", out var f) ? ((Fineness)f!).PartsPerThousand : (int?)null;
        if (metal is { } known && fineness is { } grade && !Fineness.TryCreate(known, grade, out _, out error))
        {
            (column, reason) = ("fineness", error);
            return false;
        }

        var weight = record.TryGetValue("weight", out var w) ? (long)Math.Round(((Grams)w!).Value * 1000m, MidpointRounding.AwayFromZero) : (long?)null;
        row = new StockLevelImportRow(rowNumber, sku.Value, (string)record["branch"]!, onHand, weight, metal?.ToString(), fineness) { Attributes = source.Attributes };
        (column, reason) = ("", "");
        return true;
    }

    public Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, rows.Cast<StockLevelImportRow>().ToList(), cancellationToken);
}
