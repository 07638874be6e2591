using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Bookmarks, timers and events waiting for a bookmark. Resuming is one transaction: the bookmark is consumed, the
/// (event, instance) effect recorded, and the instance made Running with the resumed step queued and leased to the caller.
/// </summary>
public sealed class BookmarkStore(Database db, TimeProvider clock)
{
    private const string Bookmark = "b.id, b.instance_id, b.activity_execution_id, b.activity_id, b.name, b.correlation, b.created_at";

    // Only a suspended instance's bookmark is consumed. Sent after the instance's row is locked, so the guard reads
    // the status that the lock holds.
    private const string IsSuspended = "EXISTS (SELECT 1 FROM workflow_instances WHERE id = @InstanceId AND status = 'Suspended')";

    private const string ConsumeBookmark = $"DELETE FROM workflow_bookmarks WHERE id = @Id AND {IsSuspended} RETURNING id";

    private const string RecordResumeEffect = $"""
        INSERT INTO workflow_event_effects (event_seq, target, at) SELECT @EventSeq, @InstanceId, @At WHERE {IsSuspended}
        ON CONFLICT DO NOTHING RETURNING event_seq
        """;

    // The execution's other bookmarks and timers go, and the instance runs again, leased to the caller.
    private const string DropExecutionBookmarks = """
        DELETE FROM workflow_bookmarks WHERE instance_id = @InstanceId AND activity_execution_id = @ActivityExecutionId
        """;

    private const string FireExecutionTimers = """
        UPDATE workflow_timers SET fired = TRUE WHERE instance_id = @InstanceId AND activity_execution_id = @ActivityExecutionId
        """;

    private const string MarkRunning = """
        UPDATE workflow_instances SET status = 'Running', state = @State, lease_id = @LeaseId, lease_until = @LeaseUntil, updated_at = @Now
        WHERE id = @InstanceId AND status = 'Suspended'
        """;

    // Events per matching query: keeps its parameters well under SQLite's and PostgreSQL's limits.
    private const int MatchingChunk = 1000;

    // Lists as one parameter each keep one statement text whatever the batch's size (see ISqlDialect.InList).
    private readonly string _matching = $"""
        SELECT {Bookmark} FROM workflow_bookmarks b
        WHERE {db.Dialect.InList("b.name", "@Names")} AND (b.correlation = '' OR {db.Dialect.InList("b.correlation", "@Correlations")})
        ORDER BY b.created_at, b.id
        """;

    private const string InsertPending = """
        INSERT INTO workflow_pending_events (event_seq, name, correlation, at) VALUES (@EventSeq, @Name, @Correlation, @At) ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Resumes the bookmark's execution with <paramref name="signal"/>. Returns the now Running instance, leased to the
    /// caller, or null when the instance is not suspended (busy, finished), the bookmark is gone, or this event already
    /// resumed it.
    /// </summary>
    public async Task<WorkflowInstance?> TryResumeAsync(BookmarkRecord bookmark, ResumeSignal signal, long? eventSeq, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(cancellationToken);

        // First round trip: lock and read the instance, consume the bookmark and record the event's effect on the instance.
        var sql = $"""
            SELECT {WorkflowInstanceStore.InstanceColumns} FROM workflow_instances WHERE id = @InstanceId {db.Dialect.ForUpdate};
            {ConsumeBookmark};
            {(eventSeq is null ? "" : RecordResumeEffect + ";")}
            """;
        var parameters = new { bookmark.Id, bookmark.InstanceId, EventSeq = eventSeq ?? 0, At = now };
        WorkflowInstance? instance;
        bool consumed;
        await using (var results = await unit.Connection.QueryMultipleAsync(unit.Command(sql, parameters, cancellationToken)))
        {
            instance = (await results.ReadAsync<WorkflowInstance>()).SingleOrDefault();
            var deleted = (await results.ReadAsync<string>()).Count();
            var recorded = eventSeq is null ? 1 : (await results.ReadAsync<long>()).Count();
            consumed = deleted == 1 && recorded == 1;
            if (instance?.Status != WorkflowStatus.Suspended)
            {
                // Nothing was written: both writes require a suspended instance.
                return null;
            }
        }

        if (!consumed)
        {
            // The bookmark is gone or this event already resumed the instance: what did take is undone with the unit.
            return null;
        }

        var state = InstanceState.FromJson(instance.State);
        state.Waiting.Remove(bookmark.ActivityExecutionId);
        state.Queue.Add(new ScheduledWork(bookmark.ActivityExecutionId, bookmark.ActivityId, signal));
        var resumed = instance with
        {
            Status = WorkflowStatus.Running,
            State = state.ToJson(),
            LeaseId = WorkflowInstanceStore.NewLeaseId(),
            LeaseUntil = now + leaseDuration,
            UpdatedAt = now,
        };

        // Second round trip: the instance runs again, and on PostgreSQL the COMMIT goes with it.
        var execution = new { bookmark.InstanceId, bookmark.ActivityExecutionId };
        await unit.CommitAsync(new SqlBatch()
            .Add(DropExecutionBookmarks, execution)
            .Add(FireExecutionTimers, execution)
            .Add(MarkRunning, new { bookmark.InstanceId, resumed.State, resumed.LeaseId, resumed.LeaseUntil, Now = now }), cancellationToken);
        return resumed;
    }

    /// <summary>
    /// For each event (its name and the correlations it is about), the bookmarks waiting for it: those named as the event
    /// and about one of its correlations or about anything, oldest first. One query answers a whole batch of events.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<BookmarkRecord>>> MatchingAsync(
        IReadOnlyList<(string Name, IReadOnlyList<string> Correlations)> events, CancellationToken cancellationToken)
    {
        var matches = new List<IReadOnlyList<BookmarkRecord>>(events.Count);
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var chunk in events.Chunk(MatchingChunk))
        {
            // Each event's bookmarks are the rows of this one ordered query that it matches, so they keep its order.
            string[] nameValues = [.. chunk.Select(e => e.Name).Distinct(StringComparer.Ordinal)];
            string[] keyValues = [.. chunk.SelectMany(e => e.Correlations).Append("").Distinct(StringComparer.Ordinal)];
            var parameters = new { Names = db.Dialect.ListValue(nameValues), Correlations = db.Dialect.ListValue(keyValues) };
            var rows = (await connection.QueryAsync<BookmarkRecord>(new CommandDefinition(_matching, parameters, cancellationToken: cancellationToken))).AsList();
            matches.AddRange(chunk.Select(e => (IReadOnlyList<BookmarkRecord>)[.. rows.Where(b =>
                string.Equals(b.Name, e.Name, StringComparison.Ordinal)
                && (b.Correlation.Length == 0 || e.Correlations.Contains(b.Correlation, StringComparer.Ordinal)))]));
        }

        return matches;
    }

    /// <summary>Remembers events about a correlation, so an instance that bookmarks it later still receives them.</summary>
    public async Task AddPendingAsync(IReadOnlyList<(long EventSeq, string Name, string Correlation)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        // The inserts and, on PostgreSQL, their COMMIT in one round trip.
        var at = clock.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await unit.CommitAsync(new SqlBatch().AddEach(InsertPending, events.Select(e => new PendingRow(e.EventSeq, e.Name, e.Correlation, at))), cancellationToken);
    }

    // The instance's correlated bookmarks that an already received event matches, with the event's body.
    private const string SelectPendingFor = $"""
        SELECT {Bookmark}, p.event_seq, ev.body FROM workflow_bookmarks b
        JOIN workflow_pending_events p ON p.name = b.name AND p.correlation = b.correlation
        LEFT JOIN events ev ON ev.seq = p.event_seq
        WHERE b.instance_id = @InstanceId AND b.correlation <> '' AND p.at >= @Since
          AND NOT EXISTS (SELECT 1 FROM workflow_event_effects e WHERE e.event_seq = p.event_seq AND e.target = @InstanceId)
        ORDER BY p.event_seq
        """;

    /// <summary>
    /// The instance's correlated bookmarks that an already received event (not newer than <paramref name="retention"/>)
    /// matches, with the event as CloudEvent JSON (null if the log no longer has it), oldest event first.
    /// </summary>
    public async Task<IReadOnlyList<(BookmarkRecord Bookmark, long EventSeq, string? EventBody)>> PendingForAsync(
        string instanceId, TimeSpan retention, CancellationToken cancellationToken)
    {
        var (sql, parameters) = PendingForQuery(instanceId, retention);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingMatch>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToTuple())];
    }

    /// <summary>
    /// The query of <see cref="PendingForAsync"/>, for a caller that runs it in the same round trip as its commit
    /// (<see cref="UnitOfWork.CommitThenQueryAsync{T}"/>); its rows map with <see cref="PendingMatch.ToTuple"/>.
    /// </summary>
    internal (string Sql, object Parameters) PendingForQuery(string instanceId, TimeSpan retention) =>
        (SelectPendingFor, new { InstanceId = instanceId, Since = clock.GetUtcNow() - retention });

    /// <summary>
    /// Suspended instances with a correlated bookmark that an already received event matches but never resumed: a hub
    /// killed between committing the bookmark and looking for pending events leaves them so, until the pending event delivery loop looks.
    /// </summary>
    public async Task<IReadOnlyList<string>> InstancesWithPendingAsync(TimeSpan retention, int take, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT DISTINCT b.instance_id FROM workflow_bookmarks b
            JOIN workflow_pending_events p ON p.name = b.name AND p.correlation = b.correlation
            WHERE b.correlation <> '' AND p.at >= @Since
              AND NOT EXISTS (SELECT 1 FROM workflow_event_effects e WHERE e.event_seq = p.event_seq AND e.target = b.instance_id)
            LIMIT @Take
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(sql,
            new { Since = clock.GetUtcNow() - retention, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Deletes up to <paramref name="take"/> pending events older than <paramref name="retention"/>: nothing matches them
    /// any more (<see cref="PendingForAsync"/> and <see cref="InstancesWithPendingAsync"/> look back as far only). Returns
    /// how many went.
    /// </summary>
    public async Task<int> PurgePendingAsync(TimeSpan retention, int take, CancellationToken cancellationToken)
    {
        const string sql = """
            DELETE FROM workflow_pending_events WHERE (event_seq, name, correlation) IN (
                SELECT event_seq, name, correlation FROM workflow_pending_events WHERE at < @Before LIMIT @Take)
            """;
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var purged = await unit.Connection.ExecuteAsync(unit.Command(sql, new { Before = clock.GetUtcNow() - retention, Take = take }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
        return purged;
    }

    /// <summary>
    /// The bookmarks of timers that are due and not fired yet. A due timer waits while an event accepted at or before its
    /// due time lies beyond the trigger loop's cursor (not read yet), so that event, e.g. the payment a timeout waits
    /// for, reaches the instance first; but at most <paramref name="waitForEvents"/> past its due time.
    /// </summary>
    public async Task<IReadOnlyList<BookmarkRecord>> DueTimersAsync(int take, TimeSpan waitForEvents, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {Bookmark} FROM workflow_timers t JOIN workflow_bookmarks b ON b.id = t.bookmark_id
            WHERE t.fired = FALSE AND t.due_at <= @Now
              AND (t.due_at <= @WaitedEnough OR NOT EXISTS (
                  SELECT 1 FROM events e
                  WHERE e.seq > COALESCE((SELECT c.position FROM workflow_cursors c WHERE c.name = @Cursor), 0) AND e.received_at <= t.due_at))
            ORDER BY t.due_at LIMIT @Take
            """;
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<BookmarkRecord>(new CommandDefinition(sql,
            new { Now = now, WaitedEnough = now - waitForEvents, Cursor = WorkflowTriggerLoop.CursorName, Take = take },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>A bookmark for an execution of an activity.</summary>
    public static BookmarkRecord Create(string instanceId, ScheduledWork work, BookmarkRequest request, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        InstanceId = instanceId,
        ActivityExecutionId = work.ExecutionId,
        ActivityId = work.ActivityId,
        Name = request.Name,
        Correlation = request.Correlation,
        CreatedAt = now,
    };

    private sealed record PendingRow(long EventSeq, string Name, string Correlation, DateTimeOffset At);

    /// <summary>A row of <see cref="PendingForQuery"/>: a bookmark, and the received event that matches it.</summary>
    internal sealed class PendingMatch
    {
        public required string Id { get; init; }
        public required string InstanceId { get; init; }
        public required string ActivityExecutionId { get; init; }
        public required string ActivityId { get; init; }
        public required string Name { get; init; }
        public required string Correlation { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public long EventSeq { get; init; }
        public string? Body { get; init; }

        public (BookmarkRecord Bookmark, long EventSeq, string? EventBody) ToTuple() => (new BookmarkRecord
        {
            Id = Id,
            InstanceId = InstanceId,
            ActivityExecutionId = ActivityExecutionId,
            ActivityId = ActivityId,
            Name = Name,
            Correlation = Correlation,
            CreatedAt = CreatedAt,
        }, EventSeq, Body);
    }
}
