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
    public async Task Append_SecondCommitsWhileFirstIsOpen_AReaderThatSeesTheSecondSeesTheFirst(DatabaseProvider provider)
    {
        // Arrange: the first event is appended in a transaction that stays open.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);
        await using var open = await database.Database.BeginUnitAsync(Ct);
        StoredEvent first;
        using (open.Enter())
        {
            (first, _) = await events.AppendAsync(Event("sale-1"), Ct);
        }

        // Act: a second append from elsewhere; then the first transaction commits.
        var second = Task.Run(() => events.AppendAsync(Event("sale-2"), Ct), Ct);
        var finishedBeforeFirstCommitted = await Task.WhenAny(second, Task.Delay(500, Ct)) == second;
        var seenWhenSecondReturned = finishedBeforeFirstCommitted ? await events.ReadAfterAsync(0, 10, Ct) : null;
        await open.CommitAsync(Ct);
        var (stored, created) = await second;

        // Assert: the second append waited for the first (or saw it), so a log reader never passes a seq that commits later.
        Assert.True(created);
        Assert.True(first.Seq < stored.Seq);
        Assert.False(finishedBeforeFirstCommitted, $"The second event became readable before the first: {seenWhenSecondReturned?.Count} event(s) visible.");
        Assert.Equal(["sale-1", "sale-2"], (await events.ReadAfterAsync(0, 10, Ct)).Select(e => e.Id));
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
        await using (var open = await database.Database.BeginUnitAsync(Ct))
        {
            using (open.Enter())
            {
                await events.AppendAsync(Event("first"), Ct);
            }

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
        await using (var open = await database.Database.BeginUnitAsync(Ct))
        {
            using (open.Enter())
            {
                await events.AppendAsync(Event("first"), Ct);
            }

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
    public async Task Append_InAUnitThatDoesNotCommit_NothingIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var events = new EventStore(database.Database, TimeProvider.System);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                Assert.True((await events.AppendAsync(Event("sale-1"), Ct)).Created);
            }
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
}
