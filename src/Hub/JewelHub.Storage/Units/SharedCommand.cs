using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Storage.Units;

/// <summary>A command on a <see cref="SharedConnection"/>: the real command, always enlisted in the unit's transaction.</summary>
internal sealed class SharedCommand : DbCommand
{
    private readonly DbCommand _inner;
    private readonly SharedConnection _connection;
    private readonly UnitOfWork _unit;
    private DbBatch? _batch;

    public SharedCommand(DbCommand inner, SharedConnection connection, DbTransaction transaction)
    {
        _inner = inner;
        _connection = connection;
        _unit = connection.Unit;
        _inner.Transaction = transaction;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _inner.CommandText;
        set => _inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => _inner.CommandTimeout;
        set => _inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => _inner.CommandType;
        set => _inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => _inner.DesignTimeVisible;
        set => _inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => _inner.UpdatedRowSource;
        set => _inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, _connection))
            {
                throw new InvalidOperationException("A command of a unit of work runs on the unit's connection only.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    // Whatever transaction the caller names (its part of the unit, or none), the command runs in the unit's.
    protected override DbTransaction? DbTransaction
    {
        get => _inner.Transaction;
        set
        {
        }
    }

    public override void Cancel() => _inner.Cancel();

    public override int ExecuteNonQuery() => Completed(NonQueryAsync(sync: true, CancellationToken.None));

    public override object? ExecuteScalar() => Completed(ScalarAsync(sync: true, CancellationToken.None));

    public override void Prepare() => _inner.Prepare();

    // A unit that holds a lock other writers queue on runs its statements synchronously: see UnitOfWork.HoldsContendedLock.
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => NonQueryAsync(_unit.Urgent, cancellationToken).AsTask();

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => ScalarAsync(_unit.Urgent, cancellationToken).AsTask();

    public override Task PrepareAsync(CancellationToken cancellationToken = default) => _inner.PrepareAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        Completed(ReaderAsync(behavior, sync: true, CancellationToken.None));

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        ReaderAsync(behavior, _unit.Urgent, cancellationToken).AsTask();

    // With sync, every call below completes before it returns, so the callers above take the result at once.
    private static T Completed<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.Result : throw new InvalidOperationException("A synchronous database call did not complete synchronously.");

    private async ValueTask<int> NonQueryAsync(bool sync, CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        if (_unit.HoldingNext)
        {
            _unit.HoldingNext = false;
            if (_unit.Deferred!.Hold(_inner))
            {
                return 0;
            }
        }

        if (_unit.Deferred?.TryDefer(_inner) is { } rows)
        {
            return rows;
        }

        if (await TakeDeferredWithAsync(sync, cancellationToken) is var (batch, own))
        {
            _ = sync ? batch.ExecuteNonQuery() : await batch.ExecuteNonQueryAsync(cancellationToken);
            var affected = 0;
            for (var i = batch.BatchCommands.Count - own; i < batch.BatchCommands.Count; i++)
            {
                affected += Math.Max(0, batch.BatchCommands[i].RecordsAffected);
            }

            return affected;
        }

        return sync ? _inner.ExecuteNonQuery() : await _inner.ExecuteNonQueryAsync(cancellationToken);
    }

    private async ValueTask<object?> ScalarAsync(bool sync, CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        ThrowIfHolding();
        if (await TakeDeferredWithAsync(sync, cancellationToken) is var (batch, _))
        {
            return sync ? batch.ExecuteScalar() : await batch.ExecuteScalarAsync(cancellationToken);
        }

        return sync ? _inner.ExecuteScalar() : await _inner.ExecuteScalarAsync(cancellationToken);
    }

    private async ValueTask<DbDataReader> ReaderAsync(CommandBehavior behavior, bool sync, CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        ThrowIfHolding();
        if (await TakeDeferredWithAsync(sync, cancellationToken) is var (batch, _))
        {
            return sync ? batch.ExecuteReader(behavior) : await batch.ExecuteReaderAsync(behavior, cancellationToken);
        }

        return sync ? _inner.ExecuteReader(behavior) : await _inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    private void ThrowIfHolding()
    {
        if (_unit.HoldingNext)
        {
            _unit.HoldingNext = false;
            throw new InvalidOperationException("A command held until the unit commits gives no answer: run it as a non-query.");
        }
    }

    // The held inserts and this command in one round trip; the batch lives as long as this command (its reader's source).
    // A command that cannot travel with them lets them go first.
    private async ValueTask<(DbBatch Batch, int Own)?> TakeDeferredWithAsync(bool sync, CancellationToken cancellationToken)
    {
        if (_unit.Deferred is not { IsEmpty: false } deferred)
        {
            return null;
        }

        if (deferred.TakeWith(_inner) is not { } taken)
        {
            if (sync)
            {
                deferred.Flush();
            }
            else
            {
                await deferred.FlushAsync(cancellationToken);
            }

            return null;
        }

        _batch?.Dispose();
        _batch = taken.Batch;
        return taken;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
