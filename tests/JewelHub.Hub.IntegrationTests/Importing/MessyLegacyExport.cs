using System.Globalization;
using System.Text;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// Writes a messy legacy export as shops really have them: customers in Windows-1252 with ';', pieces in UTF-8 with a
/// byte order mark and tabs, stock levels in ISO-8859-1 with '|'; "Last, First" names with apostrophes, accented names,
/// silver written Sterling/STG/S925, customers without contact data, a tag exported twice with another HUID, and
/// columns no map reads (loyalty points, totals, last visit, a piece's description and tag price, a supplier).
/// </summary>
internal sealed class MessyLegacyExport
{
    /// <summary>The customer columns no rule of <see cref="CustomerMap"/> reads.</summary>
    public static readonly string[] CustomerExtras = ["LoyaltyPts", "TotalPurchases", "LastVisit"];

    /// <summary>The piece columns the shipped piece map does not read.</summary>
    public static readonly string[] PieceExtras = ["Description", "TagPrice"];

    private const string PieceHeader = "TagNo\tCategory\tMetal\tPurity\tGrossWt\tNetWt\tMakingType\tMaking\tWastage\tHUID\tBranch\t"
        + "Stone1Type\tStone1Shape\tStone1Pcs\tStone1Wt\tStone1Lab\tStone1Cert\tStone1Value\tStone2Type\tStone2Pcs\tStone2Wt\tStone2Value\tDescription\tTagPrice";

    // Surname, given name as the old POS printed them; the generator writes some "LAST, FIRST" and some "First Last".
    private static readonly (string Last, string First)[] People =
    [
        ("O'Brien", "Sean"), ("D'Souza", "Anne-Marie"), ("Fernandes", "José"), ("Rao", "Asha"), ("McDonald", "Ruth"), ("Iyer", "Gauri"),
    ];

    private static readonly string[] Silver = ["Sterling", "STG", "S925", "Sterling Silver"];

    public MessyLegacyExport(string folder) => Folder = folder;

    public string Folder { get; }

    public string CustomersFile => Path.Combine(Folder, "customers.csv");

    public string PiecesFile => Path.Combine(Folder, "pieces.tsv");

    public string StockFile => Path.Combine(Folder, "stock.txt");

    public string MapsFolder => Path.Combine(Folder, "maps");

    /// <summary>The legacy id of customer <paramref name="i"/> as printed (C-00001).</summary>
    public static string CustomerId(int i) => string.Create(CultureInfo.InvariantCulture, $"C-{i:D5}");

    /// <summary>Customer i's phone: odd customers have one (customer 5 shares customer 1's); 4, 8, ... have no contact data at all.</summary>
    public static string Phone(int i) => i % 2 == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"98200 1{(i == 5 ? 1 : i):D4}");

    /// <summary>Customer i's e-mail: customers 2, 6, 10, ... have one.</summary>
    public static string Email(int i) => i % 4 != 2 ? "" : string.Create(CultureInfo.InvariantCulture, $"customer{i}@example.in");

    public static string Loyalty(int i) => (i * 150).ToString(CultureInfo.InvariantCulture);

    public static string Total(int i) => string.Create(CultureInfo.InvariantCulture, $"Rs. {i},45,000");

    public static string LastVisit(int i) => string.Create(CultureInfo.InvariantCulture, $"{i:D2}/01/2024");

    /// <summary>A customer map written from docs/MIGRATION.md: address and home branch, phone or e-mail required.</summary>
    public const string CustomerMap = """
        {
          "id": "messy.customer.in",
          "version": 1,
          "source": { "format": "csv", "fields": ["CustNo", "Name", "Mobile", "Email", "Address", "City", "State", "Pincode", "Branch"] },
          "fields": [
            { "target": "externalId", "from": "CustNo", "convert": ["trim", { "use": "legacy-id", "prefixes": ["C-"] }] },
            { "target": "name", "from": "Name", "convert": ["trim", "first-last", { "use": "case", "to": "title" }] },
            { "target": "phone", "from": "Mobile", "convert": [{ "use": "phone", "defaultCountry": "IN" }] },
            { "target": "email", "from": "Email", "convert": ["email"] },
            { "target": "addressLine", "from": "Address", "convert": ["trim"] },
            { "target": "city", "from": "City", "convert": ["trim", { "use": "case", "to": "title" }] },
            { "target": "state", "from": "State", "convert": ["trim", { "use": "case", "to": "title" }] },
            { "target": "pincode", "from": "Pincode", "convert": ["trim"] },
            { "target": "homeBranch", "from": "Branch", "convert": ["trim", { "use": "case", "to": "upper" }] }
          ],
          "rules": [{ "requireOneOf": ["phone", "email"] }]
        }
        """;

    /// <summary>Writes the map and the files for <paramref name="customers"/> customers and silver pieces.</summary>
    public async Task WriteAsync(int customers, int silverPieces, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(MapsFolder);
        await File.WriteAllTextAsync(Path.Combine(MapsFolder, "messy.customer.in.json"), CustomerMap, cancellationToken);

        var lines = new List<string> { "CustNo;Name;Mobile;Email;Address;City;State;Pincode;Branch;" + string.Join(';', CustomerExtras) };
        for (var i = 1; i <= customers; i++)
        {
            var (last, first) = People[(i - 1) % People.Length];
            var name = i % 2 == 1 ? $"\"{last.ToUpperInvariant()}, {first.ToUpperInvariant()}\"" : $"{first} {last}";
            lines.Add(string.Join(';', CustomerId(i), name, Phone(i), Email(i), $"\"{i} M.G. Road; Camp\"", "pune", "MAHARASHTRA",
                (411000 + i).ToString(CultureInfo.InvariantCulture), "pun", Loyalty(i), Total(i), LastVisit(i)));
        }

        await File.WriteAllTextAsync(CustomersFile, string.Join("\r\n", lines) + "\r\n", Encoding.GetEncoding(1252), cancellationToken);

        var pieces = new List<string> { PieceHeader };
        for (var i = 1; i <= silverPieces; i++)
        {
            var metal = Silver[(i - 1) % Silver.Length];
            pieces.Add(Piece(string.Create(CultureInfo.InvariantCulture, $"SL-{1000 + i}"), "Toe Ring", metal == "S925" ? "Silver" : metal, metal, "",
                $"Oxidised toe ring no. {i}, O'Neil's design", string.Create(CultureInfo.InvariantCulture, $"₹{900 + i}")));
        }

        pieces.Add(Piece("RG-9001", "Ring", "Gold", "22K", "AB12CD", "Plain band", "₹52,000"));
        pieces.Add(Piece("RG-9001", "Ring", "Gold", "22K", "ZZ99YY", "Plain band", "₹52,000"));
        await File.WriteAllTextAsync(PiecesFile, string.Join("\n", pieces) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);

        await File.WriteAllTextAsync(StockFile, "ItemCode|Description|Branch|Qty|Weight|Metal|Purity|Supplier|Rack\n"
            + "COIN-S-10|Silver coin 10 g|MUM|40|400 g|STG|S925|Shree Bullion & Söhne|R-4\n", Encoding.Latin1, cancellationToken);
    }

    private static string Piece(string tag, string category, string metal, string purity, string huid, string description, string price) =>
        string.Join('\t', tag, category, metal, purity, "4.2", "4.2", "PG", "120", "0", huid, "MUM", "", "", "", "", "", "", "", "", "", "", "", description, price);
}
