using System.Data.Common;

namespace JewelHub.Storage.Units;

/// <summary>
/// One database transaction that the stores join without being told. While a unit is entered, every
/// <see cref="Database.OpenAsync"/> of its database hands out the unit's connection, and every write transaction a store
/// begins on it is a part of the unit's: the store's commit is deferred to <see cref="CommitAsync"/>, and a store that
/// rolls back its part, or leaves it uncommitted after writing, marks the unit <see cref="IsBroken"/> (the caller then
/// rolls the whole unit back). A part left uncommitted after reading only (an early "already done" answer) is harmless. Nothing is
/// visible to other connections before the unit commits, and a crash before that leaves no trace. On PostgreSQL the
/// unit's plain inserts travel with its next statement (<see cref="DeferredWrites"/>).
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private static readonly AsyncLocal<UnitOfWork?> Ambient = new();

    private readonly DbConnection _connection;
    private bool _completed;
    private List<Action>? _committed;

    private UnitOfWork(Database database, DbConnection connection, DbTransaction transaction)
    {
        Database = database;
        _connection = connection;
        Transaction = transaction;
        Connection = new SharedConnection(connection, this);
        Deferred = connection.CanCreateBatch ? new DeferredWrites(connection, transaction) : null;
    }

    /// <summary>The unit entered on this asynchronous flow, if any.</summary>
    internal static UnitOfWork? Current => Ambient.Value;

    internal Database Database { get; }

    internal SharedConnection Connection { get; }

    internal DbTransaction Transaction { get; }

    /// <summary>The inserts held back for the next round trip; null where the provider sends no batches (SQLite).</summary>
    internal DeferredWrites? Deferred { get; }

    /// <summary>
    /// Tells the unit entered on the calling flow, if any, that it is about to take a lock that other writers will queue
    /// on until it commits (a bill series' next number). From then on the unit's statements and its commit run
    /// synchronously: on a busy server each awaited round trip would otherwise queue the run behind every other piece of
    /// work in the thread pool while the whole queue of writers waits for it.
    /// </summary>
    public static void HoldsContendedLock()
    {
        if (Current is { } unit)
        {
            unit.Urgent = true;
        }
    }

    /// <summary>
    /// On a connection of a unit that sends batches (PostgreSQL), holds the next command run on it back, whatever the
    /// command is, to travel with the unit's next round trip (its next statement, or its COMMIT), and answers true; the
    /// command's execution then returns at once with no rows affected. For a caller that needs no answer from the
    /// command: a statement that must not commit unless a condition holds raises an error instead, and any error of a
    /// held command loses the whole unit. Anywhere else answers false, and the command runs as usual.
    /// </summary>
    public static bool HoldNext(DbConnection connection)
    {
        if (connection is not SharedConnection { Unit: { Deferred: not null } unit })
        {
            return false;
        }

        unit.HoldingNext = true;
        return true;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the unit entered on the calling flow has committed (never, if it rolls back),
    /// or at once when no unit is entered: e.g. waking a reader of what was written only when it can see it.
    /// </summary>
    public static void WhenCommitted(Action action)
    {
        if (Current is { } unit)
        {
            (unit._committed ??= []).Add(action);
        }
        else
        {
            action();
        }
    }

    /// <summary>Set by <see cref="HoldNext"/> for the unit's next command.</summary>
    internal bool HoldingNext { get; set; }

    /// <summary>True once the unit holds a lock others queue on (<see cref="HoldsContendedLock"/>).</summary>
    internal bool Urgent { get; private set; }

    /// <summary>True once a store rolled back its part, or left it without committing: the unit must not commit.</summary>
    public bool IsBroken { get; private set; }

    internal static async Task<UnitOfWork> BeginAsync(Database database, DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var transaction = await database.Dialect.BeginWriteAsync(connection, cancellationToken);
            return new UnitOfWork(database, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes this the unit of the calling asynchronous flow (and of everything it awaits) until the returned scope is
    /// disposed. Call it from the method that runs the work, not from a helper method: an async method's changes to the
    /// ambient unit end when it returns.
    /// </summary>
    public IDisposable Enter()
    {
        var outer = Ambient.Value;
        Ambient.Value = this;
        return new Scope(() => Ambient.Value = outer);
    }

    /// <summary>Commits everything the joined stores wrote. Throws when the unit is broken.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (IsBroken)
        {
            throw new InvalidOperationException("A store rolled back its part of this unit of work; it cannot commit.");
        }

        // Held statements and the COMMIT go in one round trip; with nothing held the COMMIT goes alone.
        if (Deferred is null || !await Deferred.FlushAndCommitAsync(Urgent, cancellationToken))
        {
            if (Urgent)
            {
                Transaction.Commit();
            }
            else
            {
                await Transaction.CommitAsync(cancellationToken);
            }
        }

        Completed();
    }

    /// <summary>
    /// Commits as <see cref="CommitAsync"/> does and then runs <paramref name="sql"/> (already in the dialect) in the same
    /// round trip, after the COMMIT, so that it reads what the commit made visible; returns its rows. Null, with nothing
    /// committed, where the provider sends no batches (SQLite): the caller then commits and queries as usual. The rows of
    /// held statements that answer (a lease fence) are read with <typeparamref name="T"/> too and dropped: use a row class,
    /// whose properties their columns do not name.
    /// </summary>
    public async Task<IReadOnlyList<T>?> CommitThenQueryAsync<T>(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        if (Deferred is null)
        {
            return null;
        }

        if (IsBroken)
        {
            throw new InvalidOperationException("A store rolled back its part of this unit of work; it cannot commit.");
        }

        var rows = await Deferred.FlushCommitAndQueryAsync<T>(sql, parameters, Urgent, cancellationToken);
        Completed();
        return rows;
    }

    private void Completed()
    {
        _completed = true;
        foreach (var action in _committed ?? [])
        {
            action();
        }
    }

    /// <summary>Rolls back unless committed, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            Deferred?.Discard();
            if (!_completed && _connection.State == System.Data.ConnectionState.Open)
            {
                await Transaction.RollbackAsync(CancellationToken.None);
            }
        }
        finally
        {
            await Transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    /// <summary>How many statements other than plain SELECTs ran in the unit so far.</summary>
    internal long Writes { get; private set; }

    internal void Break() => IsBroken = true;

    internal void Executing(string? sql)
    {
        if (!(sql ?? "").TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Writes++;
        }
    }

    private sealed class Scope(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}
