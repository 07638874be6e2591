using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// A row for a tag already imported is a repeat when it agrees with the hub's piece (unchanged) and a conflict when it
/// does not: not applied, counted on its own, and listed with the rejects naming the fields that differ.
/// </summary>
public sealed class ConflictTests : IDisposable
{
    private const string Header = "TagNo,Category,Metal,Purity,GrossWt,NetWt,MakingType,Making,Wastage,HUID,Branch,"
        + "Stone1Type,Stone1Shape,Stone1Pcs,Stone1Wt,Stone1Lab,Stone1Cert,Stone1Value,Stone2Type,Stone2Pcs,Stone2Wt,Stone2Value";

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-conflict-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameTagWithAnotherHuid_ConflictNotAppliedAndListedWithTheDifferingField(DatabaseProvider provider)
    {
        // Arrange: the same tag three times: as first written, with another HUID and weight, and exactly repeated.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "pieces.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            Header,
            "RG-9001,Ring,Gold,22K,5.2,4.9,PG,450,8,AB12CD,MUM,,,,,,,,,,,",
            "RG-9001,Ring,Gold,22K,5.4,4.9,PG,450,8,ZZ99YY,MUM,,,,,,,,,,,",
            "RG-9001,Ring,Gold,22K,5.2,4.9,PG,450,8,AB12CD,MUM,,,,,,,,,,,") + "\n", ct);
        var rejectsPath = Path.Combine(_folder, "rejects.csv");
        var request = new ImportRequest { Entity = "pieces", FilePath = file, MapId = "legacy-pos.piece.in", RejectsPath = rejectsPath };

        // Act
        var first = await Samples.Runner(hub).RunAsync(request, null, ct);
        var again = await Samples.Runner(hub).RunAsync(request with { RejectsPath = null }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(3, 1, 0, 0, 1, 0, 1), first.Counts);
        Assert.Equal(new ImportCounts(3, 0, 0, 0, 2, 0, 1), again.Counts);
        var job = await hub.Services.GetRequiredService<ImportStore>().GetAsync(first.JobId!, ct);
        Assert.Equal((1L, 0L), (job!.Conflicts, job.Rejected));
        Assert.Equal(["RG-9001|AB12CD|5200"], await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT sku, huid, gross_mg FROM pieces", ct));
        var lines = await File.ReadAllLinesAsync(rejectsPath, ct);
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            "RG-9001,Ring,Gold,22K,5.4,4.9,PG,450,8,ZZ99YY,MUM,,,,,,,,,,,,3,GrossWt; HUID,"
            + "\"conflict: tag RG-9001 was already imported with other data; this row has grossWeight 5.400 g (the hub has 5.200 g), huid ZZ99YY (the hub has AB12CD); nothing was changed\"",
            lines[1]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
