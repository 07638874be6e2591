using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>
/// The event log's SQL where PostgreSQL and SQLite differ. PostgreSQL hands out seq values before commit, so two
/// concurrent inserts could become visible out of seq order and a reader that has passed seq 101 would never see 100:
/// there every append first takes a transaction lock (the log's order lock), which makes the log's commit order its
/// seq order. SQLite has one writer at a time already.
/// </summary>
internal abstract class EventLogSql
{
    /// <summary>The SQL of the configured database.</summary>
    public static EventLogSql For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new PostgresEventLogSql() : new SqliteEventLogSql();

    /// <summary>Inserts one event (@Source, @Id, @Type, @Subject, @Time, @ReceivedAt, @Body) unless its (source, id) is stored.</summary>
    public abstract string Insert { get; }

    /// <summary>
    /// Inserts a group of events, each unless its (source, id) is stored, and answers (seq, source, id) for each event
    /// it created; the first statement of the group takes the log's order lock where the database needs it.
    /// </summary>
    public abstract SqlBatch InsertGroup(IReadOnlyList<EventRow> rows);
}
