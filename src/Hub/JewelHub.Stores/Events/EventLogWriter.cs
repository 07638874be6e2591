using System.Globalization;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>
/// Appends made outside a unit of work, written in groups (<see cref="GroupCommit{TItem, TResult}"/>): a group is
/// one transaction (on PostgreSQL one round trip: the log's lock, one multi-row insert and the COMMIT), and each caller
/// is answered only after its group committed. The log's order is kept: a group takes the same lock as every other
/// append before it draws its positions, and commits them all at once. <paramref name="committed"/> is called after each
/// commit that created an event.
/// </summary>
internal sealed class EventLogWriter(Database db, EventLogSql sql, Action committed)
{
    // Events per group: 7 parameters each, well under SQLite's and PostgreSQL's limits per statement.
    private const int MaxGroup = 100;

    private const string SelectColumns = "SELECT seq, source, id, type, subject, received_at, body FROM events WHERE ";

    private GroupCommit<EventRow, (StoredEvent Event, bool Created)>? _groups;

    /// <summary>Queues the event; answers with the stored event and whether this call created it, once that is committed.</summary>
    public Task<(StoredEvent Event, bool Created)> AppendAsync(EventRow row, CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _groups, () => new(WriteGroupAsync, MaxGroup)).WriteAsync(row, cancellationToken);

    private async Task<IReadOnlyList<(StoredEvent Event, bool Created)>> WriteGroupAsync(IReadOnlyList<EventRow> rows)
    {
        var created = await InsertAsync(rows);
        if (created.Count > 0)
        {
            committed();
        }

        return await AnswerAsync(rows, created);
    }

    // One transaction for the group's first event of each (source, id); returns the position of each one it created.
    // On PostgreSQL the insert and the COMMIT travel in one round trip.
    private async Task<Dictionary<(string Source, string Id), long>> InsertAsync(IReadOnlyList<EventRow> rows)
    {
        await using var unit = await db.BeginUnitAsync(CancellationToken.None);
        var created = await unit.QueryAndCommitAsync<(long Seq, string Source, string Id)>(
            sql.InsertGroup([.. rows.DistinctBy(r => (r.Source, r.Id))]), CancellationToken.None);
        return created.ToDictionary(row => (row.Source, row.Id), row => row.Seq);
    }

    // The created events as written; repeats, in the group or of an event stored before, as stored.
    private async Task<IReadOnlyList<(StoredEvent Event, bool Created)>> AnswerAsync(
        IReadOnlyList<EventRow> rows, Dictionary<(string Source, string Id), long> created)
    {
        var answers = new (StoredEvent Event, bool Created)?[rows.Count];
        var answered = new Dictionary<(string Source, string Id), StoredEvent>();
        for (var i = 0; i < rows.Count; i++)
        {
            var key = (rows[i].Source, rows[i].Id);
            if (answered.TryGetValue(key, out var first))
            {
                answers[i] = (first, false);
            }
            else if (created.TryGetValue(key, out var seq))
            {
                answered[key] = rows[i].Stored(seq);
                answers[i] = (answered[key], true);
            }
        }

        var stored = rows.Where((_, i) => answers[i] is null).Select(r => (r.Source, r.Id)).Distinct().ToList();
        var found = stored.Count == 0 ? [] : await FindAsync(stored);
        for (var i = 0; i < rows.Count; i++)
        {
            answers[i] ??= found.TryGetValue((rows[i].Source, rows[i].Id), out var existing)
                ? (existing, false)
                : throw new InvalidOperationException($"Event ({rows[i].Source}, {rows[i].Id}) was neither created nor found.");
        }

        return [.. answers.Select(a => a!.Value)];
    }

    private async Task<Dictionary<(string Source, string Id), StoredEvent>> FindAsync(List<(string Source, string Id)> keys)
    {
        var parameters = new DynamicParameters();
        var where = string.Join(" OR ", keys.Select((key, i) =>
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add("Source" + n, key.Source);
            parameters.Add("Id" + n, key.Id);
            return $"(source = @Source{n} AND id = @Id{n})";
        }));
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<StoredEvent>(new CommandDefinition(SelectColumns + where, parameters)))
            .ToDictionary(e => (e.Source, e.Id));
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
