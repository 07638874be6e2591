using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Importing;

/// <summary>One runner at a time holds an import job; a dead runner's claim lapses, and a runner that lost its claim commits nothing.</summary>
public sealed class ImportClaimTests
{
    private static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Claim_HolderStalls_OtherTakesOverOnlyAfterLapseAndStalledBatchCommitsNothing(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var clock = new ManualClock();
        var store = new ImportStore(database.Database, clock);
        var job = await store.StartAsync(new ImportJobStart("customers", "legacy-pos.customer.in", "c.csv", "/tmp/c.csv", "ab12", false, ImportStatus.Running), Ct);

        // Act + Assert: A holds the job; B is refused until A's claim lapses.
        Assert.True(await store.ClaimAsync(job.Id, "A", Claim, Ct));
        Assert.False(await store.ClaimAsync(job.Id, "B", Claim, Ct));
        clock.Advance(TimeSpan.FromSeconds(20));
        await CheckpointAsync(database, store, job.Id, "A", 1000);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await store.ClaimAsync(job.Id, "B", Claim, Ct));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await store.ClaimAsync(job.Id, "B", Claim, Ct));

        // A's next batch finds the job gone: nothing of it commits, and A cannot finish the job either.
        await Assert.ThrowsAsync<ImportClaimLostException>(() => CheckpointAsync(database, store, job.Id, "A", 2000));
        await store.FinishAsync(job.Id, "A", ImportStatus.Failed, "stalled", null, Ct);
        var afterA = (await store.GetAsync(job.Id, Ct))!;
        Assert.Equal((ImportStatus.Running, 1000L, 1L), (afterA.Status, afterA.LastRow, afterA.Rejected));
        Assert.Single(await store.RejectsAsync(job.Id, Ct));

        // B carries on and completes; a completed job is nobody's to claim.
        await CheckpointAsync(database, store, job.Id, "B", 2000);
        await store.FinishAsync(job.Id, "B", ImportStatus.Completed, null, 2000, Ct);
        var done = (await store.GetAsync(job.Id, Ct))!;
        Assert.Equal((ImportStatus.Completed, 2000L, 2L), (done.Status, done.LastRow, done.Rejected));
        Assert.False(await store.ClaimAsync(job.Id, "C", Claim, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LetGo_StoppedRunner_NextRunnerClaimsAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new ImportStore(database.Database, new ManualClock());
        var job = await store.StartAsync(new ImportJobStart("customers", "legacy-pos.customer.in", "c.csv", "/tmp/c.csv", "ab12", false, ImportStatus.Running), Ct);
        Assert.True(await store.ClaimAsync(job.Id, "A", Claim, Ct));

        await store.LetGoAsync(job.Id, "B", Ct);
        var refused = await store.ClaimAsync(job.Id, "B", Claim, Ct);
        await store.LetGoAsync(job.Id, "A", Ct);

        Assert.False(refused);
        Assert.True(await store.ClaimAsync(job.Id, "B", Claim, Ct));
    }

    // One batch's checkpoint with one reject, committed unless the runner lost its claim.
    private static async Task CheckpointAsync(TestDatabase database, ImportStore store, string jobId, string runner, long lastRow)
    {
        await using var unit = await database.Database.BeginUnitAsync(Ct);
        await store.CommitBatchAsync(unit, jobId, runner, Claim, lastRow, new ImportCounts(1000, 999, 0, 0, 0, 1),
            [new ImportReject(lastRow, "phone", "not a phone number", "raw")], [], Ct);
        await unit.CommitAsync(Ct);
    }
}
