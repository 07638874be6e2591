using System.Text.Json;
using Dapper;
using JewelHub.Canonical.Events;
using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>A canonical event as the hub stored it, with its position in the hub's event log.</summary>
public sealed record StoredEvent
{
    public required long Seq { get; init; }
    public required string Source { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Subject { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Body { get; init; }

    /// <summary>The event as it was accepted.</summary>
    public CloudEvent ToCloudEvent() => JsonSerializer.Deserialize<CloudEvent>(Body)!;
}

/// <summary>The hub's durable log of accepted canonical events, deduplicated on (source, id).</summary>
public sealed class EventStore(Database db, TimeProvider clock)
{
    private const string SelectAfter = """
        SELECT seq, source, id, type, subject, received_at, body FROM events WHERE seq > @After ORDER BY seq LIMIT @Take
        """;

    // Completed (and replaced) each time this store commits a new event; see AppendedAsync.
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly EventLogSql _sql = EventLogSql.For(db.Provider);

    private EventLogWriter? _writer;

    /// <summary>
    /// A task that completes when this store (in this process) next commits a new event, so a reader of the log can
    /// wake at once instead of waiting for its next poll. Events stored by other processes are seen by polling only.
    /// </summary>
    public Task AppendedAsync() => Volatile.Read(ref _appended).Task;

    /// <summary>
    /// Stores the event unless one with the same (source, id) is already stored, and commits it before it returns. Returns
    /// the stored event and whether this call created it. Concurrent appends are written together, one transaction per
    /// group (<see cref="EventLogWriter"/>).
    /// </summary>
    public Task<(StoredEvent Event, bool Created)> AppendAsync(CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _writer, () => new EventLogWriter(db, _sql, Appended)).AppendAsync(Row(cloudEvent), cancellationToken);

    /// <summary>
    /// Publishes an event with what <paramref name="unit"/> writes (a store announcing what it just did): the insert runs
    /// just before the unit's COMMIT, in its round trip (<see cref="UnitOfWork.BeforeCommit"/>), so the log's order lock is
    /// held only while the unit commits. Idempotent by (source, id); readers of the log are woken once it commits.
    /// </summary>
    public void Publish(UnitOfWork unit, CloudEvent cloudEvent)
    {
        unit.BeforeCommit(new SqlBatch().Add(_sql.Insert, Row(cloudEvent)));
        unit.AfterCommit(Appended);
    }

    private void Appended() =>
        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private EventRow Row(CloudEvent cloudEvent)
    {
        // Whole microseconds, as PostgreSQL keeps them, so the answer equals what a later read returns.
        var now = clock.GetUtcNow();
        return new EventRow
        {
            Source = cloudEvent.Source,
            Id = cloudEvent.Id,
            Type = cloudEvent.Type,
            Subject = cloudEvent.Subject,
            Time = cloudEvent.Time,
            ReceivedAt = now.AddTicks(-(now.Ticks % 10)),
            Body = JsonSerializer.Serialize(cloudEvent),
        };
    }

    /// <summary>Whether an event with this (source, id) is stored.</summary>
    public async Task<bool> ExistsAsync(string source, string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM events WHERE source = @Source AND id = @Id", new { Source = source, Id = id },
            cancellationToken: cancellationToken)) is not null;
    }

    /// <summary>Reads events in the order they were accepted, after a position.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int take, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredEvent>(new CommandDefinition(
            SelectAfter, new { After = after, Take = take }, cancellationToken: cancellationToken))).AsList();
    }
}
