using System.Data.Common;

namespace JewelHub.Storage;

/// <summary>Opens connections to the configured database and knows its dialect. One per hub.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(DatabaseOptions options)
    {
        StorageSetup.EnsureInitialised();
        Provider = options.Provider;
        Dialect = options.Provider == DatabaseProvider.Postgres ? new PostgresDialect() : new SqliteDialect();
        _connectionString = options.Provider == DatabaseProvider.Sqlite
            ? SqliteFiles.PrepareConnectionString(options.ConnectionString)
            : PostgresDialect.WithDefaults(options.ConnectionString);
    }

    public DatabaseProvider Provider { get; }

    public ISqlDialect Dialect { get; }

    /// <summary>Opens a new connection; dispose it when done.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(_connectionString, cancellationToken);

    /// <summary>Shorthand for <see cref="ISqlDialect.Sql"/>.</summary>
    public string Sql(string sql) => Dialect.Sql(sql);
}
