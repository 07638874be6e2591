using System.Data.Common;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Importing;
using JewelHub.Stores.Importing.Pieces;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>
/// Tagged pieces with their stones: legacy tags into inventory.piece_refs. A row is checked whole here (SKU and HUID
/// form, fineness of its metal, net within gross, stone counts), so a piece is written with all its stones or not at all.
/// </summary>
public sealed class PieceImport(PieceImporter importer) : IEntityImport
{
    private static readonly PieceStatus[] ImportableStatuses = [PieceStatus.Available, PieceStatus.Sold, PieceStatus.InRepair, PieceStatus.Returned];

    public string Name => "pieces";

    public string MapEntity => "piece";

    public bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, RowSource source, out object row, out string column, out string reason)
    {
        row = null!;
        var tag = (string)record["sku"]!;
        if (!Sku.TryParse(tag, out var sku, out var error))
        {
            return Fail("sku", $"'{tag}' {error}", out column, out reason);
        }

        var metal = (Metal)record["metal"]!;
        var fineness = ((Fineness)record["fineness"]!).PartsPerThousand;
        if (!Fineness.TryCreate(metal, fineness, out _, out error))
        {
            return Fail("fineness", error, out column, out reason);
        }

        var stoneItems = record.TryGetValue("stones", out var items) ? (IReadOnlyList<IReadOnlyDictionary<string, object?>>)items! : [];
        var stones = new List<PieceImportStone>(stoneItems.Count);
        for (var i = 0; i < stoneItems.Count; i++)
        {
            var stone = stoneItems[i];
            var count = stone.TryGetValue("count", out var c) ? (int)c! : 1;
            var value = stone.TryGetValue("value", out var v) ? (decimal)v! : 0m;
            if (count is < 1 or > Bounds.MaxQuantity)
            {
                return Fail($"stones[{i}].count", $"{count} must be between 1 and {Bounds.MaxQuantity}", out column, out reason);
            }

            if (OutOfRange($"stones[{i}].value", value, Bounds.MaxAmount, out column, out reason))
            {
                return false;
            }

            stones.Add(new PieceImportStone(
                (string)stone["type"]!, Text(stone, "shape"), count, Thousandths(((GemCarat)stone["carats"]!).Value), Text(stone, "colour"),
                Text(stone, "clarity"), Text(stone, "lab"), Text(stone, "reportNumber"), stone.TryGetValue("labGrown", out var grown) && (bool)grown!,
                Hundredths(value)));
        }

        var gross = Thousandths(((Grams)record["grossWeight"]!).Value);
        var hasNet = record.TryGetValue("netWeight", out var netWeight);
        var net = hasNet ? Thousandths(((Grams)netWeight!).Value) : gross - StoneMetalMg(stones);
        if (net > gross || net < 0)
        {
            return Fail(hasNet ? "netWeight" : "grossWeight",
                $"net weight {net / 1000m:0.000} g must be between 0 and the gross weight {gross / 1000m:0.000} g", out column, out reason);
        }

        var making = record.TryGetValue("makingMode", out var mode) ? (string)mode! : nameof(MakingChargeMode.PerGram);
        if (!Enum.TryParse<MakingChargeMode>(making, ignoreCase: true, out var makingMode))
        {
            return Fail("makingMode", $"'{making}' is not one of: PerGram, Percent, Flat", out column, out reason);
        }

        string? huid = null;
        if (record.TryGetValue("huid", out var huidText))
        {
            if (!Huid.TryParse((string)huidText!, out var parsed, out error))
            {
                return Fail("huid", $"'{huidText}' {error}", out column, out reason);
            }

            huid = parsed.Value;
        }

        var status = PieceStatus.Available;
        if (record.TryGetValue("status", out var statusText)
            && (!Enum.TryParse((string)statusText!, ignoreCase: true, out status) || !ImportableStatuses.Contains(status)))
        {
            return Fail("status", $"'{statusText}' is not one of: {string.Join(", ", ImportableStatuses)}", out column, out reason);
        }

        var makingValue = Number(record, "makingValue");
        var wastage = Number(record, "wastagePercent");
        var other = Number(record, "otherCharges");
        if (OutOfRange("makingValue", makingValue, MakingCharge.MaxValue(makingMode), out column, out reason)
            || OutOfRange("wastagePercent", wastage, Bounds.MaxPercent, out column, out reason)
            || OutOfRange("otherCharges", other, Bounds.MaxAmount, out column, out reason))
        {
            return false;
        }

        row = new PieceImportRow
        {
            RowNumber = rowNumber,
            ExternalId = tag,
            Sku = sku.Value,
            Category = (string)record["category"]!,
            Metal = metal.ToString(),
            Fineness = fineness,
            GrossMg = gross,
            NetMg = net,
            MakingMode = makingMode.ToString(),
            MakingValueHundredths = Hundredths(makingValue),
            WastageHundredths = Hundredths(wastage),
            OtherChargesMinor = Hundredths(other),
            Huid = huid,
            Hsn = record.TryGetValue("hsn", out var hsn) ? (string)hsn! : "7113",
            Branch = (string)record["branch"]!,
            Status = status.ToString(),
            Stones = stones,
            Attributes = source.Attributes,
        };
        column = "";
        reason = "";
        return true;
    }

    public Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, rows.Cast<PieceImportRow>().ToList(), cancellationToken);

    public async Task<IBatchLookUp?> LookUpAsync(DbConnection connection, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        await importer.LookUpAsync(connection, null, system, rows.Cast<PieceImportRow>().ToList(), cancellationToken);

    public Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<object> rows, IBatchLookUp lookUp, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, rows.Cast<PieceImportRow>().ToList(), (PieceLookUp)lookUp, cancellationToken);

    private static bool Fail(string field, string why, out string column, out string reason)
    {
        column = field;
        reason = why;
        return false;
    }

    // True (with the column and reason) when the number is negative or above the largest the hub accepts (Bounds).
    private static bool OutOfRange(string field, decimal number, decimal max, out string column, out string reason)
    {
        var outside = number < 0 || number > max;
        column = outside ? field : "";
        reason = outside ? $"{number} must be between 0 and {max}" : "";
        return outside;
    }

    // Without a net weight the metal is the gross less the stones (1 ct = 0.2 g).
    private static long StoneMetalMg(List<PieceImportStone> stones)
    {
        long total = 0;
        foreach (var stone in stones)
        {
            total += stone.CaratsThousandths / 5;
        }

        return total;
    }

    private static string? Text(IReadOnlyDictionary<string, object?> item, string field) => item.TryGetValue(field, out var value) ? (string?)value : null;

    private static decimal Number(IReadOnlyDictionary<string, object?> record, string field) => record.TryGetValue(field, out var value) ? (decimal)value! : 0m;

    private static long Thousandths(decimal value) => (long)Math.Round(value * 1000m, 0, MidpointRounding.AwayFromZero);

    private static long Hundredths(decimal value) => (long)Math.Round(value * 100m, 0, MidpointRounding.AwayFromZero);
}
