using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

public sealed class PieceImportTests : IDisposable
{
    private const string Header = "TagNo,Category,Metal,Purity,GrossWt,NetWt,MakingType,Making,Wastage,HUID,Branch,"
        + "Stone1Type,Stone1Shape,Stone1Pcs,Stone1Wt,Stone1Lab,Stone1Cert,Stone1Value,Stone2Type,Stone2Pcs,Stone2Wt,Stone2Value";

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-pieces-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SamplePieces_WritesPiecesWithStonesAndRejectsWithReasons(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var db = hub.Database.Database;

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(5, 3, 0, 0, 0, 2), summary.Counts);
        Assert.Equal(
        [
            "BR-3001|bracelet|Silver|925|1250|1200|Flat|150000|0|0||7113|MAIN|Available",
            "NK-2001|necklace|Gold|916|23328|23100|Percent|1250|0|0|XY98ZT|7113|MUM|Available",
            "RG-1001|ring|Gold|916|5200|4900|PerGram|45000|800|0|AB12CD|7113|MUM|Available",
        ], await PiecesAsync(db, ct));
        Assert.Equal(
        [
            "NK-2001|emerald||2|250|||||0|600000",
            "NK-2001|ruby||3|2000|||||0|950000",
            "RG-1001|diamond|round|12|300|||IGI|LG123|0|1800000",
        ], (await StonesAsync(db, ct)).Select(s => s.Replace("False", "0", StringComparison.Ordinal)));
        Assert.Equal(["legacy-pos|BR-3001|BR-3001", "legacy-pos|NK-2001|NK-2001", "legacy-pos|RG-1001|RG-1001"],
            await ImportDatabase.RowsAsync(db, "SELECT system, external_id, sku FROM piece_refs ORDER BY external_id", ct));
        Assert.Equal(["BR-3001|MAIN|Opening|1|1200", "NK-2001|MUM|Opening|1|23100", "RG-1001|MUM|Opening|1|4900"],
            await ImportDatabase.RowsAsync(db, "SELECT sku, branch, reason, quantity_delta, weight_delta_mg FROM movements ORDER BY sku", ct));
        var rejects = await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct);
        Assert.Equal(
        [
            (5L, "Purity; Stone1Wt", "Purity: '917' is not a hallmark fineness of gold, silver or platinum; Stone1Wt: is required when other fields of this item are given"),
            (6L, "Metal; MakingType", "Metal: 'Brass' is not gold, silver or platinum; MakingType: 'XX' is not one of: PG, Per Gram, %, PCT, FLAT, FIX"),
        ], rejects.Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_DuplicateHuidAndBadValues_RejectsWholePiecesWithReasons(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);
        var file = Path.Combine(_folder, "pieces-bad.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "RG-9001,Ring,Gold,22K,4.0,3.8,PG,450,,AB12CD,MUM,Diamond,Round,2,0.10,,,5000,,,,",
            "RG-9002,Ring,Gold,22K,4.0,4.5,PG,450,,QQ11QQ,MUM,Diamond,Round,2,0.10,,,5000,,,,",
            "RG-9003,Ring,Gold,92.5%,4.0,3.5,PG,450,,,MUM,Diamond,Round,2,0.10,,,5000,,,,",
            "RG-9004,Ring,Gold,22K,4.0,3.5,PG,450,,AB1,MUM,Diamond,Round,2,0.10,,,5000,,,,",
            "RG-9005,Ring,Gold,22K,4.0,3.5,PG,450,,ZZ99ZZ,MUM,Diamond,Round,0,0.10,,,5000,,,,",
            "RG-9006,Ring,Gold,22K,4.0,3.5,PG,450,,ZZ99ZZ,MUM,Diamond,Round,2,0.10,,,5000,,,,",
            "RG-9007,Ring,Gold,22K,4.0,3.5,PG,450,,ZZ99ZZ,MUM,,,,,,,,,,,",
        ], ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.Pieces with { FilePath = file }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(7, 1, 0, 0, 0, 6), summary.Counts);
        var rejects = await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct);
        Assert.Equal(
        [
            (2L, "HUID", "HUID AB12CD is already on piece RG-1001"),
            (3L, "NetWt", "net weight 4.500 g must be between 0 and the gross weight 4.000 g"),
            (4L, "Purity", "925 is not a recognised gold fineness (allowed: 999, 995, 958, 916, 875, 833, 750, 585, 375)"),
            (5L, "HUID", "'AB1' must be six letters or digits, e.g. AB12CD"),
            (6L, "Stone1Pcs", "0 must be between 1 and 100000"),
            (8L, "HUID", "HUID ZZ99ZZ is already on piece RG-9006"),
        ], rejects.Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
        Assert.Equal(["RG-9006|diamond|round|2|100|||||0|500000"],
            (await StonesAsync(hub.Database.Database, ct)).Where(s => s.StartsWith("RG-9", StringComparison.Ordinal)).Select(s => s.Replace("False", "0", StringComparison.Ordinal)));
        Assert.Equal(4, await ImportDatabase.CountAsync(hub.Database.Database, "pieces", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SamePiecesTwice_SecondRunChangesNothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);
        var before = await DumpAsync(hub.Database.Database, ct);

        var second = await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);

        Assert.Equal(new ImportCounts(5, 0, 0, 0, 3, 2), second.Counts);
        Assert.Equal(before, await DumpAsync(hub.Database.Database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_PiecesDryRun_CountsWithoutWriting(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);

        var summary = await Samples.Runner(hub).RunAsync(Samples.Pieces with { DryRun = true }, null, ct);

        Assert.Equal(new ImportCounts(5, 3, 0, 0, 0, 2), summary.Counts);
        Assert.Equal(5, summary.Previews.Count);
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "pieces", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "stones", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_KeysWrittenByPreviousBatch_NextBatchSeesThem(DatabaseProvider provider)
    {
        // Arrange: batches of two, so the second batch's keys are looked up while the first is still being written.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "pieces-batches.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "RG-9101,Ring,Gold,22K,4.0,3.8,PG,450,,AA11AA,MUM,,,,,,,,,,,",
            "RG-9102,Ring,Gold,22K,4.0,3.8,PG,450,,,MUM,,,,,,,,,,,",
            "RG-9101,Ring,Gold,22K,4.0,3.8,PG,450,,AA11AA,MUM,,,,,,,,,,,",
            "RG-9103,Ring,Gold,22K,4.0,3.8,PG,450,,AA11AA,MUM,,,,,,,,,,,",
            "RG-9104,Ring,Gold,22K,4.0,3.8,PG,450,,,MUM,,,,,,,,,,,",
        ], ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.Pieces with { FilePath = file, BatchSize = 2 }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(5, 3, 0, 0, 1, 1), summary.Counts);
        var rejects = await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct);
        Assert.Equal([(5L, "HUID", "HUID AA11AA is already on piece RG-9101")], rejects.Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
        Assert.Equal(["legacy-pos|RG-9101|RG-9101", "legacy-pos|RG-9102|RG-9102", "legacy-pos|RG-9104|RG-9104"],
            await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT system, external_id, sku FROM piece_refs ORDER BY external_id", ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every piece table an import writes, without ids and timestamps.</summary>
    internal static async Task<IReadOnlyList<string>> DumpAsync(Database db, CancellationToken cancellationToken) =>
        [
            .. await PiecesAsync(db, cancellationToken),
            .. await StonesAsync(db, cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT system, external_id, sku FROM piece_refs ORDER BY system, external_id", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, """
                SELECT sku, branch, reason, quantity_delta, weight_delta_mg, reference, idempotency_key FROM movements ORDER BY idempotency_key
                """, cancellationToken),
        ];

    private static Task<IReadOnlyList<string>> PiecesAsync(Database db, CancellationToken cancellationToken) =>
        ImportDatabase.RowsAsync(db, """
            SELECT sku, category, metal, fineness, gross_mg, net_mg, making_mode, making_value_hundredths, wastage_hundredths,
                other_charges_minor, huid, hsn, branch, status
            FROM pieces ORDER BY sku
            """, cancellationToken);

    private static Task<IReadOnlyList<string>> StonesAsync(Database db, CancellationToken cancellationToken) =>
        ImportDatabase.RowsAsync(db, """
            SELECT sku, type, shape, count, carats_thousandths, colour, clarity, lab, report_number, lab_grown, value_minor
            FROM stones ORDER BY sku, type
            """, cancellationToken);
}
