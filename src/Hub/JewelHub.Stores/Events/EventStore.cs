using System.Text.Json;
using Dapper;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Storage.Units;

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
    private const string Insert = """
        INSERT INTO hub.events (source, id, type, subject, time, received_at, body)
        VALUES (@Source, @Id, @Type, @Subject, @Time, @ReceivedAt, @Body)
        ON CONFLICT (source, id) DO NOTHING
        RETURNING seq
        """;

    // PostgreSQL hands out seq values before commit, so two concurrent inserts could become visible out of seq order and
    // a reader that has passed seq 101 would never see 100. A transaction lock taken before the seq is drawn makes the
    // log's commit order its seq order: readers that follow seq miss nothing. (SQLite has one writer at a time already.)
    // Every append takes it, grouped (EventLogWriter) or not.
    internal const string LogOrderLock = "pg_advisory_xact_lock(7283402)";

    // Without an answer, as an insert held back to travel with a unit's commit sends it (PublishAsync).
    private const string InsertInOrderQuietly = $"""
        INSERT INTO hub.events (source, id, type, subject, time, received_at, body)
        SELECT @Source, @Id, @Type, @Subject, @Time, @ReceivedAt, @Body FROM (SELECT {LogOrderLock}) AS log_order
        ON CONFLICT (source, id) DO NOTHING
        """;

    private const string InsertInOrder = InsertInOrderQuietly + "\nRETURNING seq";

    private const string SelectOne = """
        SELECT seq, source, id, type, subject, received_at, body FROM hub.events WHERE source = @Source AND id = @Id
        """;

    private const string SelectAfter = """
        SELECT seq, source, id, type, subject, received_at, body FROM hub.events WHERE seq > @After ORDER BY seq LIMIT @Take
        """;

    // Completed (and replaced) each time this store commits a new event; see AppendedAsync.
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EventLogWriter? _writer;

    /// <summary>
    /// A task that completes when this store (in this process) next commits a new event, so a reader of the log can
    /// wake at once instead of waiting for its next poll. Events stored by other processes are seen by polling only.
    /// </summary>
    public Task AppendedAsync() => Volatile.Read(ref _appended).Task;

    /// <summary>
    /// Stores the event unless one with the same (source, id) is already stored. Returns the stored event and
    /// whether this call created it. The row is committed before this returns; in a unit of work it is written in the
    /// unit and commits with it.
    /// </summary>
    public async Task<(StoredEvent Event, bool Created)> AppendAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var row = Row(cloudEvent);

        // Outside a unit, concurrent appends are written together (one transaction per group, see EventLogWriter).
        if (!db.InUnit)
        {
            return await LazyInitializer.EnsureInitialized(ref _writer, () => new EventLogWriter(db, Appended)).AppendAsync(row, cancellationToken);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var insert = db.Provider == DatabaseProvider.Postgres ? InsertInOrder : db.Sql(Insert);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(insert, row, cancellationToken: cancellationToken)) is { } created)
        {
            // Readers are woken when they can see it: after the unit's commit.
            UnitOfWork.WhenCommitted(Appended);
            return (row.Stored(created), true);
        }

        var stored = await connection.QuerySingleAsync<StoredEvent>(new CommandDefinition(
            db.Sql(SelectOne), new { cloudEvent.Source, cloudEvent.Id }, cancellationToken: cancellationToken));
        return (stored, false);
    }

    /// <summary>
    /// Appends an event whose stored row the caller does not need (a store announcing what it just did). In a unit of
    /// work on PostgreSQL the insert is held back to travel with the unit's next round trip, usually its COMMIT, so the
    /// log's order lock is taken only as the unit commits and appends elsewhere do not queue behind the rest of the unit.
    /// Anywhere else it is <see cref="AppendAsync"/>. Idempotent by (source, id) either way.
    /// </summary>
    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (db.InUnit && db.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (UnitOfWork.HoldNext(connection))
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertInOrderQuietly, Row(cloudEvent), cancellationToken: cancellationToken));
                UnitOfWork.WhenCommitted(Appended);
                return;
            }
        }

        await AppendAsync(cloudEvent, cancellationToken);
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

    /// <summary>Reads one event by its identity.</summary>
    public async Task<StoredEvent?> FindAsync(string source, string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredEvent>(new CommandDefinition(
            db.Sql(SelectOne), new { Source = source, Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>Reads events in the order they were accepted, after a position.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int take, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredEvent>(new CommandDefinition(
            db.Sql(SelectAfter), new { After = after, Take = take }, cancellationToken: cancellationToken))).AsList();
    }
}
