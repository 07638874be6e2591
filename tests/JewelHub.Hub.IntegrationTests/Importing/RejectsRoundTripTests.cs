using CsvHelper;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// A rejects file is something an operator fixes and imports again: every reject, a row whose quote is never closed
/// included, keeps its row number, column and reason in fields of their own, in row order; the fixed file lands its
/// rows and nothing is imported twice.
/// </summary>
public sealed class RejectsRoundTripTests : IDisposable
{
    private const string Header = "CustNo,Name,Mobile,Email,DOB,Anniversary,SMS,EmailOK,City,Created";

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-rejects-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_MalformedRowFixedByHand_ReimportLandsTheRowsAndNothingDoubles(DatabaseProvider provider)
    {
        // Arrange: row 3 opens a quote it never closes; row 5 has no name.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "customers.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            Header,
            "C-00701,Asha Rao,98200 70001,,,,,,Mumbai,",
            "C-00702,\"Kumar, Ravi,98200 70002,,,,,,Pune,",
            "C-00703,Meera Shah,98200 70003,,,,,,Surat,",
            "C-00704,,98200 70004,,,,,,Goa,",
            "C-00705,Lata Iyer,98200 70005,,,,,,Chennai,") + "\n", ct);
        var rejectsPath = Path.Combine(_folder, "rejects.csv");

        // Act: import, fix both rejects in the rejects file, import that file.
        var first = await Samples.Runner(hub).RunAsync(Request(file) with { RejectsPath = rejectsPath }, null, ct);
        var rejects = await File.ReadAllTextAsync(rejectsPath, ct);
        var fixedPath = Path.Combine(_folder, "fixed.csv");
        var lines = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await File.WriteAllTextAsync(fixedPath, string.Join("\n",
            lines[0],
            "C-00702,\"Kumar, Ravi\",98200 70002,,,,,,Pune,,3,Name,fixed",
            lines[2].Replace("C-00704,,", "C-00704,Neha Jain,", StringComparison.Ordinal)) + "\n", ct);
        var second = await Samples.Runner(hub).RunAsync(Request(fixedPath), null, ct);
        var third = await Samples.Runner(hub).RunAsync(Request(fixedPath), null, ct);

        // Assert: the broken row is its own line only; the rows after it are read as rows.
        Assert.Equal(new ImportCounts(5, 3, 0, 0, 0, 2), first.Counts);
        var records = Records(rejects);
        Assert.Equal([.. Header.Split(','), "row", "column", "reason"], records[0]);
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(13, r.Length));
        Assert.Equal(["C-00702", "Kumar, Ravi,98200 70002,,,,,,Pune,", "", "", "", "", "", "", "", ""], records[1][..10]);
        Assert.Equal(("3", "Name"), (records[1][10], records[1][11]));
        Assert.StartsWith("the quote that opens the Name value is never closed on its line", records[1][12], StringComparison.Ordinal);
        Assert.Equal(["5", "Name", "is required but empty"], records[2][10..]);

        Assert.Equal(new ImportCounts(2, 2, 0, 0, 0, 0), second.Counts);
        Assert.Equal(new ImportCounts(2, 0, 0, 0, 2, 0), third.Counts);
        Assert.Equal(
            ["Asha Rao", "Kumar, Ravi", "Lata Iyer", "Meera Shah", "Neha Jain"],
            await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT name FROM customers ORDER BY name", ct));
        Assert.Equal(5, await ImportDatabase.CountAsync(hub.Database.Database, "customer_refs", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task DryRun_RejectsOfEveryKind_ListedInRowOrder(DatabaseProvider provider)
    {
        // Arrange: a bad e-mail, a broken quote, a bad phone and a bad date, one row each.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "customers.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            Header,
            "C-00801,Asha Rao,98200 80001,bad@,,,,,Mumbai,",
            "C-00802,\"Broken,98200 80002,,,,,,Pune,",
            "C-00803,Meera Shah,12345,,,,,,Surat,",
            "C-00804,Lata Iyer,98200 80004,,31/02/1990,,,,Goa,") + "\n", ct);
        var rejectsPath = Path.Combine(_folder, "dry-rejects.csv");

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Request(file) with { DryRun = true, RejectsPath = rejectsPath }, null, ct);

        // Assert
        Assert.Equal([2L, 3L, 4L, 5L], summary.FirstRejects.Select(r => r.RowNumber));
        Assert.Equal(["2", "3", "4", "5"], Records(await File.ReadAllTextAsync(rejectsPath, ct)).Skip(1).Select(r => r[10]));
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "customers", ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ImportRequest Request(string file) => new() { Entity = "customers", FilePath = file, MapId = "legacy-pos.customer.in" };

    private static List<string[]> Records(string csv)
    {
        using var reader = CsvReader.FromText(csv, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return records;
    }
}
