using System.Data.Common;
using System.Globalization;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>
/// Appends made outside a unit of work, written in groups: while one group is written the next callers queue, and the
/// queue is then written as one transaction (on PostgreSQL one round trip: the log's lock, one multi-row insert and the
/// COMMIT). Each caller is answered only after its group committed. The log's order is kept: a group takes the same
/// lock as every other append before it draws its positions, and commits them all at once. When the database refuses a
/// group, its events are written one by one, so an event the database refuses fails alone. <paramref name="committed"/>
/// is called after each commit that created an event.
/// </summary>
internal sealed class EventLogWriter(Database db, EventLogSql sql, Action committed)
{
    // Events per group: 7 parameters each, well under SQLite's and PostgreSQL's limits per statement.
    private const int MaxGroup = 100;

    private const string SelectColumns = "SELECT seq, source, id, type, subject, received_at, body FROM events WHERE ";

    private readonly Lock _gate = new();
    private readonly Queue<Append> _queue = new();
    private bool _writing;

    /// <summary>Queues the event; answers with the stored event and whether this call created it, once that is committed.</summary>
    public Task<(StoredEvent Event, bool Created)> AppendAsync(EventRow row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var append = new Append(row, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(append);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            // The writer serves every caller until the queue is empty; no caller's cancellation stops it.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return append.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (Next() is { } group)
        {
            await WriteAsync(group);
        }
    }

    // The queued appends whose callers still wait, up to a group; null (and the writer stops) when none is left.
    private List<Append>? Next()
    {
        lock (_gate)
        {
            var group = new List<Append>();
            while (group.Count < MaxGroup && _queue.TryDequeue(out var append))
            {
                if (append.CancellationToken.IsCancellationRequested)
                {
                    append.Answer.TrySetCanceled(append.CancellationToken);
                }
                else
                {
                    group.Add(append);
                }
            }

            if (group.Count == 0 && _queue.Count == 0)
            {
                _writing = false;
                return null;
            }

            return group;
        }
    }

    private async Task WriteAsync(List<Append> group)
    {
        if (group.Count == 0)
        {
            return;
        }

        Dictionary<(string Source, string Id), long> created;
        try
        {
            created = await InsertAsync(group);
        }
        catch (DbException exception) when (group.Count > 1 && exception is Npgsql.PostgresException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The database refused the group, so nothing of it committed; each event is written alone and gets its own answer.
            foreach (var append in group.Where(a => !a.CancellationToken.IsCancellationRequested))
            {
                await WriteAsync([append]);
            }

            return;
        }
        catch (Exception exception)
        {
            foreach (var append in group)
            {
                append.Answer.TrySetException(exception);
            }

            return;
        }

        if (created.Count > 0)
        {
            committed();
        }

        try
        {
            await AnswerAsync(group, created);
        }
        catch (Exception exception)
        {
            foreach (var append in group)
            {
                append.Answer.TrySetException(exception);
            }
        }
    }

    // One transaction for the group's first event of each (source, id); returns the position of each one it created.
    // On PostgreSQL the insert and the COMMIT travel in one round trip.
    private async Task<Dictionary<(string Source, string Id), long>> InsertAsync(List<Append> group)
    {
        var rows = group.Select(a => a.Row).DistinctBy(r => (r.Source, r.Id)).ToList();
        await using var unit = await db.BeginUnitAsync(CancellationToken.None);
        var created = await unit.QueryAndCommitAsync<(long Seq, string Source, string Id)>(sql.InsertGroup(rows), CancellationToken.None);
        return created.ToDictionary(row => (row.Source, row.Id), row => row.Seq);
    }

    // The created events as written; repeats, in the group or of an event stored before, as stored.
    private async Task AnswerAsync(List<Append> group, Dictionary<(string Source, string Id), long> created)
    {
        var answered = new Dictionary<(string Source, string Id), StoredEvent>();
        var stored = new List<Append>();
        foreach (var append in group)
        {
            var key = (append.Row.Source, append.Row.Id);
            if (answered.TryGetValue(key, out var first))
            {
                append.Answer.TrySetResult((first, false));
            }
            else if (created.TryGetValue(key, out var seq))
            {
                answered[key] = append.Row.Stored(seq);
                append.Answer.TrySetResult((answered[key], true));
            }
            else
            {
                stored.Add(append);
            }
        }

        if (stored.Count == 0)
        {
            return;
        }

        var keys = stored.Select(a => (a.Row.Source, a.Row.Id)).Distinct().ToList();
        var parameters = new DynamicParameters();
        var where = string.Join(" OR ", keys.Select((key, i) =>
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add("Source" + n, key.Source);
            parameters.Add("Id" + n, key.Id);
            return $"(source = @Source{n} AND id = @Id{n})";
        }));
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var found = (await connection.QueryAsync<StoredEvent>(new CommandDefinition(SelectColumns + where, parameters)))
            .ToDictionary(e => (e.Source, e.Id));
        foreach (var append in stored)
        {
            if (found.TryGetValue((append.Row.Source, append.Row.Id), out var existing))
            {
                append.Answer.TrySetResult((existing, false));
            }
            else
            {
                append.Answer.TrySetException(new InvalidOperationException($"Event ({append.Row.Source}, {append.Row.Id}) was neither created nor found."));
            }
        }
    }

    private sealed class Append(EventRow row, CancellationToken cancellationToken)
    {
        public EventRow Row { get; } = row;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<(StoredEvent Event, bool Created)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>An event as it is written to the log.</summary>
internal sealed record EventRow
{
    public required string Source { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Subject { get; init; }
    public DateTimeOffset? Time { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Body { get; init; }

    /// <summary>The row as the log stores it at <paramref name="seq"/>.</summary>
    public StoredEvent Stored(long seq) => new()
    {
        Seq = seq,
        Source = Source,
        Id = Id,
        Type = Type,
        Subject = Subject,
        ReceivedAt = ReceivedAt,
        Body = Body,
    };
}
