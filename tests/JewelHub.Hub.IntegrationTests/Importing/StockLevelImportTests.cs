using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

public sealed class StockLevelImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-levels-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SampleLevels_SetsLevelsWithOpeningMovements(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var db = hub.Database.Database;

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.StockLevels, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(4, 3, 0, 0, 0, 1), summary.Counts);
        Assert.Equal(["BAR-S-1KG|fungible|Silver|999|1000000", "COIN-G-10|fungible|Gold|999|10000", "COIN-G-1T|fungible|Gold|995|10"],
            await ImportDatabase.RowsAsync(db, "SELECT sku, category, metal, fineness, unit_mg FROM stock_items ORDER BY sku", ct));
        Assert.Equal(["BAR-S-1KG|MAIN|4|0", "COIN-G-10|MUM|25|0", "COIN-G-1T|PUN|1200|0"],
            await ImportDatabase.RowsAsync(db, "SELECT sku, branch, on_hand, reserved FROM stock_levels ORDER BY sku", ct));
        Assert.Equal(
        [
            "BAR-S-1KG|MAIN|Opening|4|4000000|Opening:legacy-pos:BAR-S-1KG:MAIN",
            "COIN-G-10|MUM|Opening|25|250000|Opening:legacy-pos:COIN-G-10:MUM",
            "COIN-G-1T|PUN|Opening|1200|12000|Opening:legacy-pos:COIN-G-1T:PUN",
        ], await ImportDatabase.RowsAsync(db, "SELECT sku, branch, reason, quantity_delta, weight_delta_mg, idempotency_key FROM movements ORDER BY sku", ct));
        var reject = Assert.Single(await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct));
        Assert.Equal((5L, "Qty", "'two' is not a whole number"), (reject.RowNumber, reject.ColumnName, reject.Reason));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameLevelsTwice_SecondRunAddsNothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.StockLevels, null, ct);
        var before = await DumpAsync(hub.Database.Database, ct);

        var second = await Samples.Runner(hub).RunAsync(Samples.StockLevels, null, ct);

        Assert.Equal(new ImportCounts(4, 0, 0, 0, 3, 1), second.Counts);
        Assert.Equal(before, await DumpAsync(hub.Database.Database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_LevelOfKnownItemAndUnknownItemWithoutMetal_SetsOneRejectsOther(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.StockLevels, null, ct);
        var file = Path.Combine(_folder, "levels.csv");
        await File.WriteAllLinesAsync(file,
        [
            "ItemCode,Description,Branch,Qty,Weight,Metal,Purity",
            "COIN-G-10,Gold coin 10 g,PUN,7,70 g,,",
            "COIN-S-5,Silver coin,MUM,3,,,",
            "RG-1,Gold coin,MUM,3,,Gold,925",
        ], ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.StockLevels with { FilePath = file }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(3, 1, 0, 0, 0, 2), summary.Counts);
        Assert.Equal(["COIN-G-10|MUM|25", "COIN-G-10|PUN|7"],
            await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT sku, branch, on_hand FROM stock_levels WHERE sku = 'COIN-G-10' ORDER BY branch", ct));
        Assert.Equal(
        [
            (3L, "Metal", "is required to define COIN-S-5, an item the hub does not know yet"),
            (4L, "Purity", "925 is not a recognised gold fineness (allowed: 999, 995, 958, 916, 875, 833, 750, 585, 375)"),
        ], (await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct)).Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_LevelsBeyondTheHubsBounds_RejectedNamingRowColumnAndLimit_NothingWritten(DatabaseProvider provider)
    {
        // Arrange: more coins than a branch may hold, and a weight past the largest the hub accepts.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "levels.csv");
        await File.WriteAllLinesAsync(file,
        [
            "ItemCode,Description,Branch,Qty,Weight,Metal,Purity",
            "COIN-G-10,Gold coin 10 g,PUN,2147483647,10 g,Gold,999",
            "COIN-G-10,Gold coin 10 g,MUM,3,99999999999999999999 kg,Gold,999",
        ], ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.StockLevels with { FilePath = file }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(2, 0, 0, 0, 0, 2), summary.Counts);
        Assert.Equal(
        [
            (2L, "Qty", "2147483647 must be between 0 and 1000000"),
            (3L, "Weight", "'99999999999999999999 kg' is more than the largest weight the hub accepts, 100000 g"),
        ], (await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct)).Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
        Assert.Empty(await DumpAsync(hub.Database.Database, ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<IReadOnlyList<string>> DumpAsync(Database db, CancellationToken cancellationToken) =>
        [
            .. await ImportDatabase.RowsAsync(db, "SELECT sku, category, metal, fineness, unit_mg, making_mode, hsn FROM stock_items ORDER BY sku", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT sku, branch, on_hand, reserved FROM stock_levels ORDER BY sku, branch", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT sku, branch, reason, quantity_delta, weight_delta_mg, idempotency_key FROM movements ORDER BY idempotency_key", cancellationToken),
        ];
}
