using System.Globalization;
using System.Text;
using JewelHub.Stores.Importing.Pieces;

namespace JewelHub.Bench.Imports;

/// <summary>
/// Writes a legacy-pos pieces CSV of distinct, valid pieces generated at run time, and gives the same pieces already
/// mapped (for the ceiling). Half have no stones, 35% one, 15% two; 40% carry a HUID; metals, fineness forms, weight
/// units and making types are mixed the way a legacy stock register mixes them.
/// </summary>
internal static class PieceFile
{
    public const string System = "legacy-pos";

    private const string Header = "TagNo,Category,Metal,Purity,GrossWt,NetWt,MakingType,Making,Wastage,HUID,Branch,"
        + "Stone1Type,Stone1Shape,Stone1Pcs,Stone1Wt,Stone1Lab,Stone1Cert,Stone1Value,Stone2Type,Stone2Pcs,Stone2Wt,Stone2Value\n";

    private static readonly string[] Categories = ["Ring", "Necklace", "Bracelet", "Earring", "Pendant", "Chain"];
    private static readonly string[] Prefixes = ["rg", "NK", "BR", "er", "PD", "CH"];

    // Metal column, purity column, mapped metal, mapped fineness.
    private static readonly (string Metal, string Purity, string Mapped, int Fineness)[] Metals =
    [
        ("Gold", "22K", "Gold", 916), ("22K Gold", "22 kt", "Gold", 916), ("Gold", "916", "Gold", 916), ("Gold", "18K", "Gold", 750),
        ("Gold", "75%", "Gold", 750), ("Silver", "92.5%", "Silver", 925), ("Silver", "925", "Silver", 925), ("Platinum", "950", "Platinum", 950),
    ];

    // Making type column, making column, mapped mode, mapped value in hundredths.
    private static readonly (string Type, string Value, string Mode, long Hundredths)[] Makings =
    [
        ("PG", "450", "PerGram", 45000), ("%", "12.5", "Percent", 1250), ("FLAT", "\"1,500\"", "Flat", 150000), ("", "400", "PerGram", 40000),
    ];

    private static readonly (string Text, string Mapped)[] Branches = [("MUM", "MUM"), ("DEL", "DEL"), ("mum", "MUM"), ("", "MAIN")];

    public static string Write(string folder, int rows)
    {
        var path = Path.Combine(folder, "pieces.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header);
        for (var i = 0; i < rows; i++)
        {
            writer.Write(Line(i));
        }

        return path;
    }

    /// <summary>Piece <paramref name="i"/> as the map and the piece import turn it into store rows.</summary>
    public static PieceImportRow Mapped(int i)
    {
        var stones = Stones(i);
        var gross = GrossMg(i);
        var metal = Metals[i % Metals.Length];
        var making = Makings[i / 3 % Makings.Length];
        return new PieceImportRow
        {
            RowNumber = i + 2,
            ExternalId = Tag(i).ToUpperInvariant(),
            Sku = Tag(i).ToUpperInvariant(),
            Category = Categories[i % Categories.Length].ToLowerInvariant(),
            Metal = metal.Mapped,
            Fineness = metal.Fineness,
            GrossMg = gross,
            NetMg = i % 3 == 0 ? gross - stones.Sum(s => s.CaratsThousandths / 5) : NetMg(gross),
            MakingMode = making.Mode,
            MakingValueHundredths = making.Hundredths,
            WastageHundredths = i % 2 == 0 ? 800 : 0,
            Huid = i % 5 < 2 ? Huid(i).ToUpperInvariant() : null,
            Hsn = "7113",
            Branch = Branches[i / 7 % Branches.Length].Mapped,
            Status = "Available",
            Stones = stones,
        };
    }

    private static string Line(int i)
    {
        var metal = Metals[i % Metals.Length];
        var making = Makings[i / 3 % Makings.Length];
        var gross = GrossMg(i);
        var net = i % 3 == 0 ? "" : Decimal(NetMg(gross) / 1000m, "0.000");
        var stones = (i % 20) switch
        {
            < 10 => ",,,,,,,,,,",
            < 17 => $"{Stone1(i)},,,,",
            _ => $"{Stone1(i)},Emerald,2,0.25,6000",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{Tag(i)},{Categories[i % Categories.Length]},{metal.Metal},{metal.Purity},{GrossText(i, gross)},{net},{making.Type},{making.Value},"
            + $"{(i % 2 == 0 ? "8" : "")},{(i % 5 < 2 ? Huid(i) : "")},{Branches[i / 7 % Branches.Length].Text},{stones}\n");
    }

    private static string Tag(int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefixes[i % Prefixes.Length]}-{i:D7}");

    // Six letters and digits, unique per piece (base 36 of i); every other one lower case, as hand-typed registers have them.
    private static string Huid(int i)
    {
        Span<char> text = stackalloc char[6];
        var rest = i;
        for (var p = 5; p >= 0; p--, rest /= 36)
        {
            text[p] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest % 36];
        }

        return i % 2 == 0 ? new string(text) : new string(text).ToLowerInvariant();
    }

    private static long GrossMg(int i) => (i / 8 % 4) switch
    {
        0 => 3000 + i % 5000,
        1 => 23328,
        2 => 1000 + i % 900,
        _ => 10000 + i % 100 * 100,
    };

    private static string GrossText(int i, long gross) => (i / 8 % 4) switch
    {
        0 => Decimal(gross / 1000m, "0.000"),
        1 => "2 tola",
        2 => "\"" + gross.ToString("#,0", CultureInfo.InvariantCulture) + " mg\"",
        _ => Decimal(gross / 1000m, "0.0##") + " g",
    };

    private static long NetMg(long gross) => gross - gross / 20;

    private static string Stone1(int i) => i % 2 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"Diamond,Round,{1 + i % 12},{(50 + i % 20 * 10) / 1000m:0.00},IGI,LG{i},18000")
        : string.Create(CultureInfo.InvariantCulture, $"Ruby,,{1 + i % 12},{(50 + i % 20 * 10) / 1000m:0.00},,,9500");

    private static List<PieceImportStone> Stones(int i)
    {
        if (i % 20 < 10)
        {
            return [];
        }

        var carats = 50 + i % 20 * 10;
        var first = i % 2 == 0
            ? new PieceImportStone("diamond", "round", 1 + i % 12, carats, null, null, "IGI", $"LG{i}", false, 1800000)
            : new PieceImportStone("ruby", null, 1 + i % 12, carats, null, null, null, null, false, 950000);
        return i % 20 < 17 ? [first] : [first, new PieceImportStone("emerald", null, 2, 250, null, null, null, null, false, 600000)];
    }

    private static string Decimal(decimal value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
