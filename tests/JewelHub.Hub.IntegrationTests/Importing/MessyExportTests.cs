using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// A generated messy export (mixed delimiters and encodings, "Last, First" names, apostrophes, silver spellings,
/// customers without contact data, a tag exported twice with another HUID, columns no map reads) lands with exact
/// counts per outcome; every unread column is kept and retrievable through the API; the conflict is in the rejects file.
/// </summary>
public sealed class MessyExportTests : IDisposable
{
    private const int Customers = 8;
    private const int SilverPieces = 4;

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-messy-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_MessyExport_CountsEachOutcomeKeepsEveryUnreadColumnAndReportsTheConflict(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var export = new MessyLegacyExport(_folder);
        await export.WriteAsync(Customers, SilverPieces, ct);
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Maps:Folder"] = export.MapsFolder });
        var runner = Samples.Runner(hub);
        var pieceRejects = Path.Combine(_folder, "piece-rejects.tsv");

        // Act: each file with its own encoding; the delimiters are detected from the headers.
        var customers = await runner.RunAsync(new ImportRequest
        {
            Entity = "customers",
            FilePath = export.CustomersFile,
            MapId = "messy.customer.in",
            Encoding = "windows-1252",
        }, null, ct);
        var pieces = await runner.RunAsync(new ImportRequest
        {
            Entity = "pieces",
            FilePath = export.PiecesFile,
            MapId = "legacy-pos.piece.in",
            RejectsPath = pieceRejects,
        }, null, ct);
        var stock = await runner.RunAsync(new ImportRequest
        {
            Entity = "stock-levels",
            FilePath = export.StockFile,
            MapId = "legacy-pos.stock-level.in",
            Encoding = "iso-8859-1",
        }, null, ct);

        // Assert: customers 4 and 8 have no contact data, 5 shares 1's phone; the gold tag comes twice with two HUIDs.
        Assert.Equal(new ImportCounts(8, 5, 0, 1, 0, 2, 0), customers.Counts);
        Assert.Equal(';', customers.Delimiter);
        Assert.Equal(MessyLegacyExport.CustomerExtras, customers.AttributeColumns);
        Assert.Equal(new ImportCounts(6, 5, 0, 0, 0, 0, 1), pieces.Counts);
        Assert.Equal(MessyLegacyExport.PieceExtras, pieces.AttributeColumns);
        Assert.Equal(new ImportCounts(1, 1, 0, 0, 0, 0, 0), stock.Counts);
        Assert.Equal(["Supplier", "Rack"], stock.AttributeColumns);

        foreach (var i in new[] { 1, 2, 3, 6, 7 })
        {
            var customer = await GetAsync(hub, $"/api/customers?system=messy&externalId={MessyLegacyExport.CustomerId(i)}", ct);
            var attributes = customer.GetProperty("attributes");
            Assert.Equal(MessyLegacyExport.Loyalty(i), attributes.GetProperty("LoyaltyPts").GetString());
            Assert.Equal(MessyLegacyExport.Total(i), attributes.GetProperty("TotalPurchases").GetString());
            Assert.Equal(MessyLegacyExport.LastVisit(i), attributes.GetProperty("LastVisit").GetString());
            var address = customer.GetProperty("address");
            Assert.Equal(($"{i} M.G. Road; Camp", "Pune", "Maharashtra", $"{411000 + i}"), (
                address.GetProperty("line").GetString(), address.GetProperty("city").GetString(), address.GetProperty("state").GetString(),
                address.GetProperty("pincode").GetString()));
            Assert.Equal("PUN", customer.GetProperty("homeBranch").GetString());
        }

        var names = await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT name FROM customers ORDER BY name", ct);
        Assert.Equal(["Anne-Marie D'Souza", "Gauri Iyer", "José Fernandes", "Sean O'Brien", "Sean O'Brien"], names);
        var merged = await GetAsync(hub, "/api/customers?system=messy&externalId=C-00005", ct);
        Assert.Equal("Sean O'Brien", merged.GetProperty("name").GetString());
        Assert.Equal("150", merged.GetProperty("attributes").GetProperty("LoyaltyPts").GetString());

        var found = await GetAsync(hub, "/api/customers?attribute=LoyaltyPts&value=900", ct);
        Assert.Equal("Gauri Iyer", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        var withLoyalty = await GetAsync(hub, "/api/customers?attribute=LoyaltyPts", ct);
        Assert.Equal(5, withLoyalty.GetProperty("items").GetArrayLength());

        for (var i = 1; i <= SilverPieces; i++)
        {
            var piece = await GetAsync(hub, $"/api/pieces/SL-{1000 + i}", ct);
            Assert.Equal(("Silver", 925), (piece.GetProperty("metal").GetString(), piece.GetProperty("fineness").GetInt32()));
            var attributes = piece.GetProperty("attributes");
            Assert.Equal($"Oxidised toe ring no. {i}, O'Neil's design", attributes.GetProperty("Description").GetString());
            Assert.Equal($"₹{900 + i}", attributes.GetProperty("TagPrice").GetString());
        }

        var gold = await GetAsync(hub, "/api/pieces/RG-9001", ct);
        Assert.Equal("AB12CD", gold.GetProperty("huid").GetString());
        var priced = await GetAsync(hub, "/api/pieces?attribute=TagPrice&value=" + Uri.EscapeDataString("₹52,000"), ct);
        Assert.Equal("RG-9001", Assert.Single(priced.GetProperty("items").EnumerateArray()).GetProperty("sku").GetString());

        var item = await GetAsync(hub, "/api/stock-items/COIN-S-10", ct);
        Assert.Equal("Shree Bullion & Söhne", item.GetProperty("attributes").GetProperty("Supplier").GetString());
        Assert.Equal("R-4", item.GetProperty("attributes").GetProperty("Rack").GetString());
        var bySupplier = await GetAsync(hub, "/api/stock-items?attribute=Rack&value=R-4", ct);
        Assert.Equal("COIN-S-10", Assert.Single(bySupplier.GetProperty("items").EnumerateArray()).GetProperty("sku").GetString());

        var rejects = await File.ReadAllLinesAsync(pieceRejects, ct);
        Assert.Equal(2, rejects.Length);
        var conflict = rejects[1].Split('\t');
        Assert.Equal(("RG-9001", "ZZ99YY", "7", "HUID"), (conflict[0], conflict[9], conflict[^3], conflict[^2]));
        Assert.Contains("huid ZZ99YY (the hub has AB12CD)", conflict[^1], StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GetAsync(HubServer hub, string path, CancellationToken cancellationToken)
    {
        using var response = await hub.Client.GetAsync("/api" + path[4..], cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
