using System.Data.Common;
using Dapper;

namespace JewelHub.Storage;

/// <summary>
/// One write transaction, begun by <see cref="Database.BeginUnitAsync"/> and handed to every store method that writes
/// in it as a parameter. A store runs its statements on <see cref="Connection"/> in <see cref="Transaction"/> and never
/// commits: whoever began the unit commits it (<see cref="CommitAsync(CancellationToken)"/>) or disposes it, which rolls back everything
/// the stores wrote. On SQLite the unit holds the hub's turn at the database's one write lock from its start to its
/// end (see <see cref="Database.BeginUnitAsync"/>), so keep it short and never begin a second unit while holding one.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDisposable? _writeTurn;
    private readonly SqlBatch _beforeCommit = new();
    private List<Action>? _afterCommit;
    private bool _committed;

    internal UnitOfWork(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, IDisposable? writeTurn)
    {
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        _writeTurn = writeTurn;
    }

    /// <summary>The dialect of the unit's database.</summary>
    public ISqlDialect Dialect { get; }

    /// <summary>The unit's connection: run every statement of the unit on it, in <see cref="Transaction"/>.</summary>
    public DbConnection Connection { get; }

    /// <summary>The unit's transaction.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>A Dapper command in this unit's transaction; <paramref name="sql"/> is already in the dialect.</summary>
    public CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, Transaction, cancellationToken: cancellationToken);

    /// <summary>Runs <paramref name="action"/> once the unit has committed (never when it rolls back), e.g. to wake a reader of what it wrote.</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    /// <summary>Runs the batch's statements in this unit (<see cref="ISqlDialect.ExecuteBatchAsync"/>); returns the rows they affected.</summary>
    public Task<int> ExecuteAsync(SqlBatch batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? Task.FromResult(0) : Dialect.ExecuteBatchAsync(this, batch, commit: false, cancellationToken);

    /// <summary>Runs the batch's statements in this unit and returns the rows of the last one (e.g. an UPDATE … RETURNING after the writes it follows).</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(SqlBatch batch, CancellationToken cancellationToken) =>
        Dialect.QueryBatchAsync<T>(this, batch, commit: false, cancellationToken);

    /// <summary>
    /// Runs the batch's statements, then those given to <see cref="BeforeCommit"/>, and commits (PostgreSQL: one round
    /// trip); returns the rows of the batch's last statement that returns rows.
    /// </summary>
    public async Task<IReadOnlyList<T>> QueryAndCommitAsync<T>(SqlBatch batch, CancellationToken cancellationToken)
    {
        var rows = await Dialect.QueryBatchAsync<T>(this, batch.Add(_beforeCommit), commit: true, cancellationToken);
        Committed();
        return rows;
    }

    /// <summary>
    /// Statements that run just before the COMMIT, in its round trip, whatever else the unit does first: for a write that
    /// takes a lock other writers queue on (the event log's order lock), so it is held only while the unit commits. Such
    /// a statement must not be one whose failure the caller needs to see at once: it fails the commit, and so the unit.
    /// </summary>
    public void BeforeCommit(SqlBatch statements) => _beforeCommit.Add(statements);

    /// <summary>Commits what the stores wrote in the unit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => CommitAsync(SqlBatch.Empty, cancellationToken);

    /// <summary>
    /// Runs <paramref name="last"/>, the unit's last statements, and commits: on PostgreSQL the statements and the COMMIT
    /// travel in one round trip. A statement that fails stops the COMMIT; the unit then rolls back when disposed.
    /// </summary>
    public async Task CommitAsync(SqlBatch last, CancellationToken cancellationToken)
    {
        last = new SqlBatch().Add(last).Add(_beforeCommit);
        if (last.Count == 0)
        {
            await Transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await Dialect.ExecuteBatchAsync(this, last, commit: true, cancellationToken);
        }

        Committed();
    }

    /// <summary>
    /// Commits as <see cref="CommitAsync(SqlBatch, CancellationToken)"/> does, then runs <paramref name="query"/> (already in
    /// the dialect) after the COMMIT, so it sees what the commit made visible; on PostgreSQL all in one round trip.
    /// </summary>
    public async Task<IReadOnlyList<T>> CommitThenQueryAsync<T>(SqlBatch last, string query, object? parameters, CancellationToken cancellationToken)
    {
        var rows = await Dialect.CommitThenQueryAsync<T>(this, new SqlBatch().Add(last).Add(_beforeCommit), query, parameters, cancellationToken);
        Committed();
        return rows;
    }

    /// <summary>
    /// Marks a point the unit can go back to (a SQL SAVEPOINT): an all-or-nothing part of a larger unit, e.g. holding
    /// every line of an order, rolls back to it when one line cannot be held, and the rest of the unit goes on.
    /// </summary>
    public async Task<Savepoint> SavepointAsync(string name, CancellationToken cancellationToken)
    {
        await Transaction.SaveAsync(name, cancellationToken);
        return new Savepoint(Transaction, name);
    }

    /// <summary>True once the unit has committed.</summary>
    public bool IsCommitted => _committed;

    private void Committed()
    {
        _committed = true;
        foreach (var action in _afterCommit ?? [])
        {
            action();
        }
    }

    /// <summary>Rolls back unless committed, closes the connection and gives up the write turn.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed && Connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await Transaction.RollbackAsync(CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                    // The transaction already ended (a failed COMMIT sent in a batch): nothing is left to roll back.
                }
            }
        }
        finally
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
            _writeTurn?.Dispose();
        }
    }
}

/// <summary>A savepoint of a <see cref="UnitOfWork"/>: roll back to it to undo what was written since.</summary>
public sealed class Savepoint(DbTransaction transaction, string name)
{
    /// <summary>Undoes everything written in the unit since the savepoint; the unit goes on.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(name, cancellationToken);
}
