using System.Collections.Concurrent;
using System.Data.Common;
using JewelHub.Storage.Units;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace JewelHub.Storage;

/// <summary>
/// SQLite: one database file holds every store, so a transaction that touches the CRM, inventory and finance
/// tables is atomic (separately attached files would not be under WAL). Schema names become table prefixes.
/// </summary>
public sealed partial class SqliteDialect : ISqlDialect
{
    private readonly ConcurrentDictionary<string, string> _rewritten = new(StringComparer.Ordinal);

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ForUpdate => "";

    public string Sql(string sql) => _rewritten.GetOrAdd(sql, static s => SchemaName().Replace(s, "$1_"));

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
        // memory; it grows only as pages are used.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA cache_size=-32768;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken now, waiting on busy_timeout, instead of
        // failing with SQLITE_BUSY when a read transaction later tries to write.
        Task.FromResult<DbTransaction>(connection is SharedConnection shared
            ? shared.JoinTransaction()
            : ((SqliteConnection)connection).BeginTransaction(deferred: false));

    public bool WritersSerialize => true;

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    [GeneratedRegex(@"\b(crm|inventory|finance|hub)\.(?=[a-z_])")]
    private static partial Regex SchemaName();
}
