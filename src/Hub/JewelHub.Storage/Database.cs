using System.Data.Common;
using JewelHub.Storage.Units;

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

    /// <summary>
    /// Opens a new connection; dispose it when done. Inside an entered <see cref="UnitOfWork"/> of this database it is the
    /// unit's connection instead, and the caller's transactions become parts of the unit's.
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        UnitOfWork.Current is { } unit && ReferenceEquals(unit.Database, this)
            ? Task.FromResult<DbConnection>(unit.Connection)
            : Dialect.OpenAsync(_connectionString, cancellationToken);

    /// <summary>True while a <see cref="UnitOfWork"/> of this database is entered on the calling flow: a store's writes then commit with it.</summary>
    public bool InUnit => UnitOfWork.Current is { } unit && ReferenceEquals(unit.Database, this);

    /// <summary>Opens a connection and begins a write transaction that stores join once the unit is entered.</summary>
    public async Task<UnitOfWork> BeginUnitAsync(CancellationToken cancellationToken) =>
        await UnitOfWork.BeginAsync(this, await Dialect.OpenAsync(_connectionString, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a new unit of work, which the stores it calls join, and commits the unit unless a
    /// store rolled back its part (then nothing of the work is written). Returns what the work returned.
    /// </summary>
    public async Task<T> InUnitAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var unit = await BeginUnitAsync(cancellationToken);
        using (unit.Enter())
        {
            var result = await work(cancellationToken);
            if (!unit.IsBroken)
            {
                await unit.CommitAsync(cancellationToken);
            }

            return result;
        }
    }

    /// <summary>Shorthand for <see cref="ISqlDialect.Sql"/>.</summary>
    public string Sql(string sql) => Dialect.Sql(sql);
}
