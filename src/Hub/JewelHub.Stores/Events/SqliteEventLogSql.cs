using System.Globalization;
using System.Text;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Events;

/// <summary>The event log's SQL on SQLite: one writer at a time keeps the log in order; a group is one multi-row insert.</summary>
internal sealed class SqliteEventLogSql : EventLogSql
{
    private const string InsertOne = """
        INSERT INTO events (source, id, type, subject, time, received_at, body)
        VALUES (@Source, @Id, @Type, @Subject, @Time, @ReceivedAt, @Body)
        ON CONFLICT (source, id) DO NOTHING
        """;

    public override string Insert => InsertOne;

    public override SqlBatch InsertGroup(IReadOnlyList<EventRow> rows)
    {
        // One tuple of numbered parameters per event: at most 7 × 100 parameters, under SQLite's limit per statement.
        var sql = new StringBuilder("INSERT INTO events (source, id, type, subject, time, received_at, body) VALUES ");
        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append($"(@Source{n}, @Id{n}, @Type{n}, @Subject{n}, @Time{n}, @ReceivedAt{n}, @Body{n})");
            parameters.Add("Source" + n, rows[i].Source);
            parameters.Add("Id" + n, rows[i].Id);
            parameters.Add("Type" + n, rows[i].Type);
            parameters.Add("Subject" + n, rows[i].Subject);
            parameters.Add("Time" + n, rows[i].Time);
            parameters.Add("ReceivedAt" + n, rows[i].ReceivedAt);
            parameters.Add("Body" + n, rows[i].Body);
        }

        sql.Append(" ON CONFLICT (source, id) DO NOTHING RETURNING seq, source, id");
        return new SqlBatch().Add(sql.ToString(), parameters);
    }
}
