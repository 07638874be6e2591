using System.Globalization;
using System.Text;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Hub.Webhooks;

/// <summary>
/// The webhook inbox (hub.webhook_inbox): verified deliveries, stored before they are acknowledged, deduplicated on
/// (connector, vendor delivery id) by the table's unique constraint, then mapped by <see cref="InboxDispatcher"/>.
/// </summary>
public sealed class InboxStore(Database db)
{
    private GroupCommit<InboxEntry, bool>? _groups;

    private const string Columns = "seq, connector, delivery_id, topic, headers, body, received_at, status, attempts, next_attempt_at, last_error, processed_at";

    // A repeat meets UNIQUE (connector, delivery_id): the database, not a read before the write, settles concurrent
    // repeats, and RETURNING names the rows this statement created, so each delivery of a group learns whether it was new.
    private const string InsertInto = """
        INSERT INTO webhook_inbox (connector, delivery_id, topic, headers, body, received_at, status, attempts, next_attempt_at)
        VALUES
        """;

    private const string InsertConflict = " ON CONFLICT (connector, delivery_id) DO NOTHING RETURNING connector, delivery_id";

    // Deliveries per group: 6 parameters each, well under SQLite's and PostgreSQL's limits per statement.
    private const int MaxGroup = 100;

    // The oldest pending delivery of each connector, when it is due: deliveries of one connector are mapped in the order
    // they arrived, and one waiting for its retry holds back those after it.
    private const string SelectDue = $"""
        SELECT {Columns} FROM webhook_inbox AS i
        WHERE i.status = 'pending' AND i.next_attempt_at <= @Now
          AND NOT EXISTS (SELECT 1 FROM webhook_inbox AS e WHERE e.connector = i.connector AND e.status = 'pending' AND e.seq < i.seq)
        ORDER BY i.seq LIMIT @Take
        """;

    private const string Finish = """
        UPDATE webhook_inbox SET status = @Status, last_error = @Error, processed_at = @Now
        WHERE seq = @Seq AND status = 'pending'
        """;

    private const string Retry = """
        UPDATE webhook_inbox SET attempts = @Attempts, next_attempt_at = @NextAttemptAt, last_error = @Error, status = @Status
        WHERE seq = @Seq AND status = 'pending'
        """;

    private const string SelectOne = $"SELECT {Columns} FROM webhook_inbox WHERE seq = @Seq";

    private const string SelectByDelivery = $"SELECT {Columns} FROM webhook_inbox WHERE connector = @Connector AND delivery_id = @DeliveryId";

    /// <summary>
    /// Stores the delivery and commits it, unless the connector already has one with its id. Returns whether this call
    /// stored it. Concurrent deliveries are written together, one transaction and one insert per group
    /// (<see cref="GroupCommit{TItem, TResult}"/>); each is answered after its group committed.
    /// </summary>
    public Task<bool> TryAddAsync(InboxEntry entry, CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _groups, () => new(AddGroupAsync, MaxGroup)).WriteAsync(entry, cancellationToken);

    // One multi-row insert of the group's first delivery of each id, then the COMMIT (PostgreSQL: one round trip). A
    // delivery is new when the insert returned its id and no earlier delivery of the group had the same id.
    private async Task<IReadOnlyList<bool>> AddGroupAsync(IReadOnlyList<InboxEntry> entries)
    {
        await using var unit = await db.BeginUnitAsync(CancellationToken.None);
        var created = await unit.QueryAndCommitAsync<(string Connector, string DeliveryId)>(
            InsertGroup([.. entries.DistinctBy(e => (e.Connector, e.DeliveryId))]), CancellationToken.None);
        var fresh = created.ToHashSet();
        return [.. entries.Select(e => fresh.Remove((e.Connector, e.DeliveryId)))];
    }

    private static SqlBatch InsertGroup(IReadOnlyList<InboxEntry> entries)
    {
        // One tuple of numbered parameters per delivery; a delivery is due for mapping as soon as it is received.
        var sql = new StringBuilder(InsertInto);
        var parameters = new Dictionary<string, object?>(entries.Count * 6, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? " " : ", ").Append($"(@Connector{n}, @DeliveryId{n}, @Topic{n}, @Headers{n}, @Body{n}, @ReceivedAt{n}, 'pending', 0, @ReceivedAt{n})");
            parameters["Connector" + n] = entries[i].Connector;
            parameters["DeliveryId" + n] = entries[i].DeliveryId;
            parameters["Topic" + n] = entries[i].Topic;
            parameters["Headers" + n] = entries[i].Headers;
            parameters["Body" + n] = entries[i].Body;
            parameters["ReceivedAt" + n] = entries[i].ReceivedAt;
        }

        return new SqlBatch().Add(sql.Append(InsertConflict).ToString(), parameters);
    }

    /// <summary>The oldest pending delivery of each connector whose next attempt is due at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<InboxRow>> DueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<InboxRow>(new CommandDefinition(SelectDue, new { Now = now, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Marks a pending delivery processed or ignored in <paramref name="unit"/>; false when it is no longer pending.</summary>
    public async Task<bool> FinishAsync(UnitOfWork unit, long seq, string status, string? error, DateTimeOffset now, CancellationToken cancellationToken) =>
        await unit.Connection.ExecuteAsync(unit.Command(Finish, new { Seq = seq, Status = status, Error = error, Now = now }, cancellationToken)) == 1;

    /// <summary>Records a failed attempt: the delivery waits until <paramref name="nextAttemptAt"/>, or is dead-lettered when that is null.</summary>
    public Task RecordFailureAsync(long seq, int attempts, DateTimeOffset? nextAttemptAt, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InUnitAsync((unit, ct) => unit.Connection.ExecuteAsync(unit.Command(Retry, new
        {
            Seq = seq,
            Attempts = attempts,
            NextAttemptAt = nextAttemptAt ?? now,
            Error = error,
            Status = nextAttemptAt is null ? InboxStatus.Dead : InboxStatus.Pending,
        }, ct)), cancellationToken);

    public async Task<InboxRow?> GetAsync(long seq, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboxRow>(new CommandDefinition(SelectOne, new { Seq = seq }, cancellationToken: cancellationToken));
    }

    public async Task<InboxRow?> FindAsync(string connector, string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboxRow>(new CommandDefinition(
            SelectByDelivery, new { Connector = connector, DeliveryId = deliveryId }, cancellationToken: cancellationToken));
    }

    /// <summary>The dead letters the filter names, oldest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<InboxRow>> DeadLettersAsync(DeadLetterFilter filter, int take, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM webhook_inbox WHERE {Where(filter)} ORDER BY seq LIMIT @Take";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<InboxRow>(new CommandDefinition(sql, Parameters(filter, take), cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Puts the dead letters the filter names (or the one with <paramref name="seq"/>) back to pending, due now, with a
    /// fresh count of attempts. The row keeps its delivery id, so what it maps to keeps its event ids. Returns how many.
    /// </summary>
    public Task<int> ReplayAsync(DeadLetterFilter filter, long? seq, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = $"UPDATE webhook_inbox SET status = 'pending', attempts = 0, next_attempt_at = @Now WHERE {Where(filter)}"
            + (seq is null ? "" : " AND seq = @Seq");
        var parameters = Parameters(filter, take: null);
        parameters.Add("Now", now);
        if (seq is not null)
        {
            parameters.Add("Seq", seq);
        }

        return db.InUnitAsync((unit, ct) => unit.Connection.ExecuteAsync(unit.Command(sql, parameters, ct)), cancellationToken);
    }

    // Fixed fragments only, chosen by which conditions are given; the values always travel as parameters.
    private static string Where(DeadLetterFilter filter)
    {
        var where = new StringBuilder("status = 'dead'");
        where.Append(filter.Connector is null ? "" : " AND connector = @Connector");
        where.Append(filter.Topic is null ? "" : " AND topic = @Topic");
        where.Append(filter.From is null ? "" : " AND received_at >= @From");
        where.Append(filter.To is null ? "" : " AND received_at < @To");
        where.Append(filter.Reason is null ? "" : " AND last_error LIKE @Reason");
        return where.ToString();
    }

    private static DynamicParameters Parameters(DeadLetterFilter filter, int? take)
    {
        var parameters = new DynamicParameters();
        Add(parameters, "Connector", filter.Connector);
        Add(parameters, "Topic", filter.Topic);
        Add(parameters, "From", filter.From);
        Add(parameters, "To", filter.To);
        Add(parameters, "Reason", filter.Reason is null ? null : $"%{filter.Reason}%");
        Add(parameters, "Take", take);
        return parameters;
    }

    // Only the conditions given are in the SQL, so only their values are sent.
    private static void Add(DynamicParameters parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters.Add(name, value);
        }
    }
}
