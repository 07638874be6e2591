using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace JewelHub.Storage;

/// <summary>
/// SQLite: one database file holds every store, so a transaction that touches the CRM, inventory and finance
/// tables is atomic (separately attached files would not be under WAL). SQLite has no schemas: the stores' SQL names
/// tables without one, as on PostgreSQL, and runs exactly as written.
/// </summary>
public sealed class SqliteDialect(TimeSpan busyTimeout) : ISqlDialect
{
    private readonly string _pragmas = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=16384;");

    /// <summary>A dialect whose connections wait 30 s for another process's write lock.</summary>
    public SqliteDialect()
        : this(TimeSpan.FromSeconds(30))
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ForUpdate => "";

    // A JSON array read with json_each: binding thousands of separate parameters is slow in SQLite.
    public string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public object ListValue(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    // json_each names any key, whatever characters it holds (a JSON path would need them escaped).
    public string JsonObjectHas(string column, string key, string? value) =>
        $"EXISTS (SELECT 1 FROM json_each({column}) WHERE key = {key}{(value is null ? "" : $" AND value = {value}")})";

    public string MigrationsTable => "hub_schema_migrations";

    public string MigrationsBootstrap => """
        CREATE TABLE IF NOT EXISTS hub_schema_migrations (
            id TEXT PRIMARY KEY,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL);
        """;

    // BEGIN IMMEDIATE already serialises writers on the file.
    public string MigrationLock => "SELECT 1;";

    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the single writer; FULL sync makes an acknowledged commit survive power loss.
        // A 32 MB page cache (the default is 2 MB) keeps the indexes a large import writes at random (hashed ids) in
        // memory; it grows only as pages are used. The hub checkpoints the WAL beside its writers (SqliteWriteQueue); SQLite's
        // own checkpoint, which runs inside the commit that fills the WAL, only when the WAL reaches 64 MB (16,384 pages).
        pragma.CommandText = _pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken now instead of failing with SQLITE_BUSY when a
        // read transaction later tries to write.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public async Task<int> ExecuteBatchAsync(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken)
    {
        // In the process, a statement costs no round trip: each runs on its own.
        var affected = 0;
        foreach (var statement in batch.Statements)
        {
            affected += await unit.Connection.ExecuteAsync(unit.Command(statement.Sql, statement.Parameters, cancellationToken));
        }

        if (commit)
        {
            await unit.Transaction.CommitAsync(cancellationToken);
        }

        return affected;
    }

    public async Task<IReadOnlyList<T>> QueryBatchAsync<T>(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken)
    {
        IReadOnlyList<T> rows = [];
        foreach (var statement in batch.Statements)
        {
            await using var reader = await unit.Connection.ExecuteReaderAsync(unit.Command(statement.Sql, statement.Parameters, cancellationToken));
            if (reader.FieldCount > 0)
            {
                rows = [.. reader.Parse<T>()];
            }
        }

        if (commit)
        {
            await unit.Transaction.CommitAsync(cancellationToken);
        }

        return rows;
    }

    public async Task<IReadOnlyList<T>> CommitThenQueryAsync<T>(UnitOfWork unit, SqlBatch last, string query, object? parameters, CancellationToken cancellationToken)
    {
        await ExecuteBatchAsync(unit, last, commit: true, cancellationToken);
        return [.. await unit.Connection.QueryAsync<T>(new CommandDefinition(query, parameters, cancellationToken: cancellationToken))];
    }

    public bool WritersSerialize => true;

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
