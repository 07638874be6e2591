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

    private static CloudEvent Event(string id) => new() { Id = id, Source = "/pos/MUM", Type = "sale.recorded", Subject = "ORD-" + id };
}
