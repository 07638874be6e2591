using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>The event log's SQL on PostgreSQL: every append takes the log's order lock first (see <see cref="EventLogSql"/>).</summary>
internal sealed class PostgresEventLogSql : EventLogSql
{
    // pg_advisory_xact_lock(7283402) is the log's order lock (the constant names it among the cluster's advisory locks):
    // the one-row sub-select takes it before the insert draws its positions.
    private const string InsertOne = """
        INSERT INTO events (source, id, type, subject, time, received_at, body)
        SELECT @Source, @Id, @Type, @Subject, @Time, @ReceivedAt, @Body FROM (SELECT pg_advisory_xact_lock(7283402)) AS log_order
        ON CONFLICT (source, id) DO NOTHING
        """;

    // Column arrays keep one statement text whatever the group's size, so PostgreSQL plans it once per connection.
    private const string InsertFromArrays = """
        INSERT INTO events (source, id, type, subject, time, received_at, body)
        SELECT e.* FROM (SELECT pg_advisory_xact_lock(7283402)) AS log_order,
            unnest(@Sources::text[], @Ids::text[], @Types::text[], @Subjects::text[], @Times::timestamptz[], @ReceivedAts::timestamptz[], @Bodies::text[])
                AS e (source, id, type, subject, time, received_at, body)
        ON CONFLICT (source, id) DO NOTHING
        RETURNING seq, source, id
        """;

    public override string Insert => InsertOne;

    public override SqlBatch InsertGroup(IReadOnlyList<EventRow> rows) => new SqlBatch()
        .Add(InsertFromArrays, new
        {
            Sources = rows.Select(r => r.Source).ToArray(),
            Ids = rows.Select(r => r.Id).ToArray(),
            Types = rows.Select(r => r.Type).ToArray(),
            Subjects = rows.Select(r => r.Subject).ToArray(),
            Times = rows.Select(r => r.Time?.ToUniversalTime()).ToArray(),
            ReceivedAts = rows.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray(),
            Bodies = rows.Select(r => r.Body).ToArray(),
        });
}
