using System.Globalization;

namespace JewelHub.Stores.Importing.Pieces;

/// <summary>
/// What a legacy tag was imported as: the facts a later row for the same tag must agree with to be a repeat. Prices
/// (making, wastage), branch and status are left out: the hub changes them as the shop works. A row without a HUID
/// agrees with a piece that has one (the file knows less, it does not say otherwise).
/// </summary>
internal sealed record PieceFacts(string Sku, string Category, string Metal, int Fineness, long GrossMg, long NetMg, string? Huid)
{
    public static PieceFacts Of(PieceImportRow row) => new(row.Sku, row.Category, row.Metal, row.Fineness, row.GrossMg, row.NetMg, row.Huid);

    /// <summary>The conflict this row makes with the piece (column: the differing target fields), or null when it agrees.</summary>
    public ImportReject? Conflict(PieceImportRow row)
    {
        var fields = new List<string>();
        var reasons = new List<string>();
        void Differ(string field, string held, string given)
        {
            if (!string.Equals(held, given, StringComparison.Ordinal))
            {
                fields.Add(field);
                reasons.Add($"{field} {given} (the hub has {held})");
            }
        }

        Differ("sku", Sku, row.Sku);
        Differ("category", Category, row.Category);
        Differ("metal", Metal, row.Metal);
        Differ("fineness", Fineness.ToString(CultureInfo.InvariantCulture), row.Fineness.ToString(CultureInfo.InvariantCulture));
        Differ("grossWeight", Grams(GrossMg), Grams(row.GrossMg));
        Differ("netWeight", Grams(NetMg), Grams(row.NetMg));
        if (row.Huid is not null)
        {
            Differ("huid", Huid ?? "none", row.Huid);
        }

        return fields.Count == 0 ? null : new ImportReject(row.RowNumber, string.Join("; ", fields),
            $"conflict: tag {row.ExternalId} was already imported with other data; this row has {string.Join(", ", reasons)}; nothing was changed", "");
    }

    private static string Grams(long milligrams) => (milligrams / 1000m).ToString("0.000", CultureInfo.InvariantCulture) + " g";
}
