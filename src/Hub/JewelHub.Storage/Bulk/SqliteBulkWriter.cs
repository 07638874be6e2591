using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JewelHub.Storage.Bulk;

/// <summary>One prepared statement per table, run once per row inside the caller's transaction (SQLite's fast path).</summary>
internal sealed class SqliteBulkWriter : IBulkWriter
{
    private static readonly ConcurrentDictionary<BulkTable, string> Statements = new();

    public async Task<long> WriteAsync(DbConnection connection, DbTransaction transaction, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = Statements.GetOrAdd(table, Build);
        var parameters = table.Columns.Select(c => command.Parameters.Add(new SqliteParameter("$" + c.Name, null))).ToArray();
        command.Prepare();
        long written = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Value(row[i]);
            }

            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    private static string Build(BulkTable table)
    {
        var name = table.Name;
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var values = string.Join(", ", table.Columns.Select(c => "$" + c.Name));
        return table.Mode switch
        {
            BulkMode.InsertIgnore or BulkMode.InsertChecked => $"INSERT INTO {name} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING",
            BulkMode.Insert => $"INSERT INTO {name} ({columns}) VALUES ({values})",
            _ => $"UPDATE {name} SET "
                + string.Join(", ", table.Columns.Where(c => !table.Key.Contains(c.Name)).Select(c => $"{c.Name} = ${c.Name}"))
                + " WHERE " + string.Join(" AND ", table.Key.Select(k => $"{k} = ${k}")),
        };
    }

    // The same text forms the Dapper type handlers write, so rows written in bulk read back like any other.
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUniversalTime(),
        _ => value,
    };
}
