using System.Data.Common;

namespace JewelHub.Storage;

/// <summary>Opens connections and units of work on the configured database and knows its dialect. One per hub.</summary>
public sealed class Database
{
    private readonly string _connectionString;
    private readonly SqliteWriteQueue? _writers;

    // How long a writer waits for its turn in the process: at least as long as SQLite waits for another process.
    private readonly TimeSpan _writeTurnTimeout;

    public Database(DatabaseOptions options)
    {
        StorageSetup.EnsureInitialised();
        Provider = options.Provider;
        Dialect = options.Provider == DatabaseProvider.Postgres ? new PostgresDialect() : new SqliteDialect(options.SqliteBusyTimeout);
        _connectionString = options.Provider == DatabaseProvider.Sqlite
            ? SqliteFiles.PrepareConnectionString(options.ConnectionString)
            : PostgresDialect.WithDefaults(options.ConnectionString);
        _writers = options.Provider == DatabaseProvider.Sqlite ? SqliteWriteQueue.For(_connectionString) : null;
        _writeTurnTimeout = options.SqliteBusyTimeout > TimeSpan.FromSeconds(30) ? options.SqliteBusyTimeout : TimeSpan.FromSeconds(30);
    }

    public DatabaseProvider Provider { get; }

    public ISqlDialect Dialect { get; }

    /// <summary>
    /// Opens a new connection for reading; dispose it when done. Writes go through a <see cref="UnitOfWork"/>
    /// (<see cref="BeginUnitAsync"/>). On SQLite (WAL) a read never waits for a writer.
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(_connectionString, cancellationToken);

    /// <summary>
    /// Opens a connection and begins a write transaction on it: the unit of work that store methods write in. On SQLite
    /// it first waits, in the process, for the hub's turn at the file's one write lock (<see cref="SqliteWriteQueue"/>),
    /// and holds it until the unit is disposed.
    /// </summary>
    public async Task<UnitOfWork> BeginUnitAsync(CancellationToken cancellationToken)
    {
        var turn = _writers is null ? null : await _writers.WaitTurnAsync(_writeTurnTimeout, cancellationToken);
        DbConnection? connection = null;
        try
        {
            connection = await Dialect.OpenAsync(_connectionString, cancellationToken);
            var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken);
            return new UnitOfWork(Dialect, connection, transaction, turn);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            turn?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a new unit of work and commits it when the work returns; an exception rolls all of
    /// it back. Returns what the work returned.
    /// </summary>
    public async Task<T> InUnitAsync<T>(Func<UnitOfWork, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var unit = await BeginUnitAsync(cancellationToken);
        var result = await work(unit, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a new unit of work and commits it when the work returns; an exception rolls all of it back.</summary>
    public async Task InUnitAsync(Func<UnitOfWork, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var unit = await BeginUnitAsync(cancellationToken);
        await work(unit, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }
}
