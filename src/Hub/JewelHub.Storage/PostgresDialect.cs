using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace JewelHub.Storage;

/// <summary>
/// PostgreSQL: the tables live in the schemas crm, inventory, finance and hub, rows are locked with FOR UPDATE. The
/// stores name tables without their schema (customers, not crm.customers), the same SQL as on SQLite; every connection
/// finds them through <see cref="SearchPath"/>, which <see cref="WithDefaults"/> sets. A table name is therefore unique
/// across the four schemas.
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    /// <summary>The schemas an unqualified table name is looked up in, in order, on every connection of the hub.</summary>
    public const string SearchPath = "crm, inventory, finance, hub, public";

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ForUpdate => "FOR UPDATE";

    // An array parameter.
    public string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public object ListValue(IReadOnlyCollection<string> values) => values.ToArray();

    // The column is text (written by binary COPY with its record), read as jsonb here.
    public string JsonObjectHas(string column, string key, string? value) =>
        $"EXISTS (SELECT 1 FROM jsonb_each_text({column}::jsonb) WHERE key = {key}{(value is null ? "" : $" AND value = {value}")})";

    public string MigrationsTable => "hub.schema_migrations";

    public string MigrationsBootstrap => """
        CREATE SCHEMA IF NOT EXISTS hub;
        CREATE TABLE IF NOT EXISTS hub.schema_migrations (
            id text PRIMARY KEY,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL);
        """;

    // An arbitrary constant that names JewelHub's migration lock among the cluster's advisory locks.
    public string MigrationLock => "SELECT pg_advisory_xact_lock(7283401);";

    /// <summary>
    /// The connection string the hub connects with. Always the search path <see cref="SearchPath"/>, whatever the
    /// configured string says, because the stores' SQL names tables without their schema. Then JewelHub's pooling
    /// defaults where the string does not set them itself: a pooled connection is not reset with DISCARD ALL on every
    /// return (the hub keeps no session state beyond a transaction; its COPY staging tables empty themselves on commit),
    /// and statements used again and again are prepared once per connection. Together they remove about a third of the
    /// round trips of a workflow step.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = SearchPath };
        if (!ContainsKey(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!ContainsKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 200;
        }

        return builder.ConnectionString;
    }

    private static bool ContainsKey(string connectionString, params string[] names) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Trim())
            .Any(key => names.Any(name => string.Equals(key, name, StringComparison.OrdinalIgnoreCase)));

    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public async Task<int> ExecuteBatchAsync(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken)
    {
        await using var command = Batch(unit, batch, commit);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<T>> QueryBatchAsync<T>(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken)
    {
        await using var command = Batch(unit, batch, commit);
        return await LastRowsAsync<T>(command, cancellationToken);
    }

    public async Task<IReadOnlyList<T>> CommitThenQueryAsync<T>(UnitOfWork unit, SqlBatch last, string query, object? parameters, CancellationToken cancellationToken)
    {
        await using var command = Batch(unit, last, commit: true);
        var select = command.CreateBatchCommand();
        select.CommandText = query;
        BatchParameters.Bind(select, parameters);
        command.BatchCommands.Add(select);
        return await LastRowsAsync<T>(command, cancellationToken);
    }

    // One result set per statement that returns rows; the last statement's is the last.
    private static async Task<IReadOnlyList<T>> LastRowsAsync<T>(NpgsqlBatch command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<T> rows;
        do
        {
            rows = [.. reader.Parse<T>()];
        }
        while (await reader.NextResultAsync(cancellationToken));
        return rows;
    }

    // The statements, then COMMIT when asked: one round trip. A failing statement stops the batch before the COMMIT.
    private static NpgsqlBatch Batch(UnitOfWork unit, SqlBatch batch, bool commit)
    {
        var command = new NpgsqlBatch((NpgsqlConnection)unit.Connection, (NpgsqlTransaction)unit.Transaction);
        foreach (var statement in batch.Statements)
        {
            var part = command.CreateBatchCommand();
            part.CommandText = statement.Sql;
            BatchParameters.Bind(part, statement.Parameters);
            command.BatchCommands.Add(part);
        }

        if (commit)
        {
            command.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        return command;
    }

    public bool WritersSerialize => false;

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
