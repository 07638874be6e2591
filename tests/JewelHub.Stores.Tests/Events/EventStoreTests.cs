using Dapper;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Events;

public sealed class EventStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Append_SecondCommitsWhileFirstHoldsTheLog_AReaderThatSeesTheSecondSeesTheFirst(DatabaseProvider provider)
    {
        // Arrange: the first event is published in a unit that holds the log and stays open.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);
        var open = await HoldLogAsync(database.Database);
        events.Publish(open, Event("sale-1"));

        // Act: a second append from elsewhere; then the first unit commits.
        var second = Task.Run(() => events.AppendAsync(Event("sale-2"), Ct), Ct);
        var finishedBeforeFirstCommitted = await Task.WhenAny(second, Task.Delay(500, Ct)) == second;
        var seenWhenSecondReturned = finishedBeforeFirstCommitted ? await events.ReadAfterAsync(0, 10, Ct) : null;
        await open.CommitAsync(Ct);
        await open.DisposeAsync();
        var (stored, created) = await second;

        // Assert: the second append waited for the first, so a log reader never passes a seq that commits later.
        Assert.True(created);
        Assert.False(finishedBeforeFirstCommitted, $"The second event became readable before the first: {seenWhenSecondReturned?.Count} event(s) visible.");
        var log = await events.ReadAfterAsync(0, 10, Ct);
        Assert.Equal(["sale-1", "sale-2"], log.Select(e => e.Id));
        Assert.Equal(stored.Seq, log[1].Seq);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Publish_InAUnit_StoredWithTheUnitsCommitAndWakesTheReaderAfterIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);
        var woken = events.AppendedAsync();

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            events.Publish(unit, Event("bill-1"));
            events.Publish(unit, Event("bill-1"));
            Assert.False(woken.IsCompleted);
            await unit.CommitAsync(Ct);
        }

        Assert.True(woken.IsCompleted);
        Assert.Equal(["bill-1"], (await events.ReadAfterAsync(0, 10, Ct)).Select(e => e.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Append_SameEventTwice_StoredOnceAndAnswerEqualsTheStoredRow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);

        var (created, wasCreated) = await events.AppendAsync(Event("sale-1"), Ct);
        var (repeated, wasCreatedAgain) = await events.AppendAsync(Event("sale-1"), Ct);

        Assert.True(wasCreated);
        Assert.False(wasCreatedAgain);
        Assert.Equal(created, repeated);
        Assert.Equal(created, Assert.Single(await events.ReadAfterAsync(0, 10, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Append_ManyAtOnceWithRepeats_EachCreatedOnceAndEveryAnswerIsTheStoredRow(DatabaseProvider provider)
    {
        // Arrange: 30 events, 10 of them sent three times, all at once while the log is held so that they queue.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);
        var ids = Enumerable.Range(0, 30).Select(i => $"sale-{i}").ToList();
        var sends = ids.Concat(ids.Take(10)).Concat(ids.Take(10)).ToList();
        List<Task<(StoredEvent Event, bool Created)>> answers;
        await using (var open = await HoldLogAsync(database.Database))
        {
            events.Publish(open, Event("first"));

            // Act
            answers = [.. sends.Select(id => Task.Run(() => events.AppendAsync(Event(id), Ct), Ct))];
            await Task.Delay(300, Ct);
            await open.CommitAsync(Ct);
        }

        await Task.WhenAll(answers);

        // Assert: one creation per event, and every answer (created or repeated) equals the row a reader gets.
        var log = (await events.ReadAfterAsync(0, 100, Ct)).ToDictionary(e => e.Id);
        Assert.Equal(31, log.Count);
        foreach (var id in ids)
        {
            var mine = answers.Where((_, i) => sends[i] == id).Select(a => a.Result).ToList();
            Assert.Single(mine, a => a.Created);
            Assert.All(mine, a => Assert.Equal(log[id], a.Event));
        }

        Assert.True(log["first"].Seq < log.Values.Where(e => e.Id != "first").Min(e => e.Seq));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Append_OneEventTheDatabaseRefusesAmongOthers_OnlyItFails(DatabaseProvider provider)
    {
        // Arrange: the log is held while a refused event (no type) and ten good ones queue together.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);
        Task<(StoredEvent Event, bool Created)> refused;
        List<Task<(StoredEvent Event, bool Created)>> good;
        await using (var open = await HoldLogAsync(database.Database))
        {
            events.Publish(open, Event("first"));

            // Act
            good = [.. Enumerable.Range(0, 5).Select(i => Task.Run(() => events.AppendAsync(Event($"good-{i}"), Ct), Ct))];
            refused = Task.Run(() => events.AppendAsync(Event("refused") with { Type = null! }, Ct), Ct);
            good.AddRange(Enumerable.Range(5, 5).Select(i => Task.Run(() => events.AppendAsync(Event($"good-{i}"), Ct), Ct)));
            await Task.Delay(300, Ct);
            await open.CommitAsync(Ct);
        }

        // Assert
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => refused);
        Assert.All(await Task.WhenAll(good), a => Assert.True(a.Created));
        Assert.Equal(
            ["first", .. Enumerable.Range(0, 10).Select(i => $"good-{i}").Order()],
            (await events.ReadAfterAsync(0, 100, Ct)).Select(e => e.Id).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Publish_InAUnitThatDoesNotCommit_NothingIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            events.Publish(unit, Event("sale-1"));
        }

        Assert.Empty(await events.ReadAfterAsync(0, 10, Ct));
        Assert.True((await events.AppendAsync(Event("sale-1"), Ct)).Created);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Append_NewEvent_WakesTheLogReaderAndARepeatDoesNot(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);

        var beforeNew = events.AppendedAsync();
        await events.AppendAsync(Event("sale-1"), Ct);
        var beforeRepeat = events.AppendedAsync();
        await events.AppendAsync(Event("sale-1"), Ct);

        Assert.True(beforeNew.IsCompletedSuccessfully);
        Assert.False(beforeRepeat.IsCompleted);
    }

    private static CloudEvent Event(string id) => new() { Id = id, Source = "/pos/MUM", Type = "sale.recorded", Subject = "ORD-" + id };

    // A unit that holds the event log until it ends: on SQLite every writer queues behind an open unit; on PostgreSQL it
    // takes the log's order lock (PostgresEventLogSql), as an append does.
    private static async Task<UnitOfWork> HoldLogAsync(Database database)
    {
        var unit = await database.BeginUnitAsync(Ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await unit.Connection.ExecuteAsync(unit.Command("SELECT pg_advisory_xact_lock(7283402)", null, Ct));
        }

        return unit;
    }
}
