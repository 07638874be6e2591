using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace JewelHub.Storage.Bulk;

/// <summary>
/// Binary COPY into a session-local staging table (same columns as the target), then one INSERT .. SELECT .. ON
/// CONFLICT or UPDATE .. FROM: a batch costs a handful of round trips however many rows it has.
/// </summary>
internal sealed class PostgresBulkWriter : IBulkWriter
{
    private static readonly ConcurrentDictionary<BulkTable, (string Stage, string Create, string Copy, string Apply)> Statements = new();

    public async Task<long> WriteAsync(DbConnection connection, DbTransaction transaction, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var npgsql = (NpgsqlConnection)connection;
        var npgsqlTransaction = (NpgsqlTransaction)transaction;
        if (table.Mode == BulkMode.InsertChecked)
        {
            return await TryCopyNewAsync(npgsql, npgsqlTransaction, table, rows, cancellationToken)
                ?? await MergeAsync(npgsql, npgsqlTransaction, table.As(BulkMode.InsertIgnore), rows, cancellationToken);
        }

        return await MergeAsync(npgsql, npgsqlTransaction, table, rows, cancellationToken);
    }

    // Rows believed new skip the staging table and its merge: COPY straight into the table costs half as much. A key
    // that exists after all (another writer got there first) fails the COPY; the savepoint undoes it and the caller
    // writes the batch through the merge, which skips such rows.
    private static async Task<long?> TryCopyNewAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        const string Savepoint = "bulk_insert_checked";
        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            await CopyAsync(connection, Statements.GetOrAdd(table, Build).Copy, table, rows, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            return null;
        }

        await transaction.ReleaseAsync(Savepoint, cancellationToken);
        return rows.Count;
    }

    private static async Task<long> MergeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var (stage, create, copy, apply) = Statements.GetOrAdd(table, Build);
        if (table.Mode == BulkMode.Insert)
        {
            // A plain insert needs no staging table: COPY straight into the table fails on a clash just as
            // INSERT .. SELECT would, and writes each row once instead of twice.
            await CopyAsync(connection, copy, table, rows, cancellationToken);
            return rows.Count;
        }

        await using (var command = new NpgsqlCommand($"{create}; DELETE FROM {stage};", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, copy, table, rows, cancellationToken);
        await using var merge = new NpgsqlCommand(apply, connection, transaction);
        return await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                await WriteAsync(importer, row[i], table.Columns[i].Type, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static (string Stage, string Create, string Copy, string Apply) Build(BulkTable table)
    {
        var stage = "bulk_" + table.Name.Replace('.', '_') + "_" + table.Mode.ToString().ToLowerInvariant();
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var definitions = string.Join(", ", table.Columns.Select(c => $"{c.Name} {SqlType(c.Type)}"));
        var create = $"CREATE TEMP TABLE IF NOT EXISTS {stage} ({definitions}) ON COMMIT DELETE ROWS";
        var copy = $"COPY {(table.Mode is BulkMode.InsertChecked or BulkMode.Insert ? table.Name : stage)} ({columns}) FROM STDIN (FORMAT BINARY)";
        var apply = table.Mode switch
        {
            BulkMode.InsertIgnore or BulkMode.InsertChecked => $"INSERT INTO {table.Name} ({columns}) SELECT {columns} FROM {stage} ON CONFLICT DO NOTHING",
            BulkMode.Insert => $"INSERT INTO {table.Name} ({columns}) SELECT {columns} FROM {stage}",
            _ => $"UPDATE {table.Name} AS t SET "
                + string.Join(", ", table.Columns.Where(c => !table.Key.Contains(c.Name)).Select(c => $"{c.Name} = s.{c.Name}"))
                + $" FROM {stage} AS s WHERE " + string.Join(" AND ", table.Key.Select(k => $"t.{k} = s.{k}")),
        };
        return (stage, create, copy, apply);
    }

    private static string SqlType(BulkType type) => type switch
    {
        BulkType.BigInt => "bigint",
        BulkType.Int4 => "integer",
        BulkType.Boolean => "boolean",
        BulkType.Date => "date",
        BulkType.Timestamp => "timestamptz",
        _ => "text",
    };

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, BulkType type, CancellationToken cancellationToken) =>
        value switch
        {
            null => importer.WriteNullAsync(cancellationToken),
            DateTimeOffset instant => importer.WriteAsync(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken),
            _ => type switch
            {
                BulkType.BigInt => importer.WriteAsync(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
                BulkType.Int4 => importer.WriteAsync(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken),
                BulkType.Boolean => importer.WriteAsync((bool)value, NpgsqlDbType.Boolean, cancellationToken),
                BulkType.Date => importer.WriteAsync((DateOnly)value, NpgsqlDbType.Date, cancellationToken),
                _ => importer.WriteAsync((string)value, NpgsqlDbType.Text, cancellationToken),
            },
        };
}
