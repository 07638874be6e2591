using System.Data;
using System.Data.Common;
using Npgsql;

namespace JewelHub.Storage;

/// <summary>PostgreSQL: schemas are real, rows are locked with FOR UPDATE.</summary>
public sealed class PostgresDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ForUpdate => "FOR UPDATE";

    public string Sql(string sql) => sql;

    public string MigrationsBootstrap => """
        CREATE SCHEMA IF NOT EXISTS hub;
        CREATE TABLE IF NOT EXISTS hub.schema_migrations (
            id text PRIMARY KEY,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL);
        """;

    // An arbitrary constant that names JewelHub's migration lock among the cluster's advisory locks.
    public string MigrationLock => "SELECT pg_advisory_xact_lock(7283401);";

    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
