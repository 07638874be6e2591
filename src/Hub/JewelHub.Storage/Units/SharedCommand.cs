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

    public override int ExecuteNonQuery()
    {
        _unit.Executing(_inner.CommandText);
        _unit.Deferred?.Flush();
        return _inner.ExecuteNonQuery();
    }

    public override object? ExecuteScalar()
    {
        _unit.Executing(_inner.CommandText);
        _unit.Deferred?.Flush();
        return _inner.ExecuteScalar();
    }

    public override void Prepare() => _inner.Prepare();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        if (_unit.Deferred?.TryDefer(_inner) is { } rows)
        {
            return rows;
        }

        if (await TakeDeferredWithAsync(cancellationToken) is var (batch, own))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            var affected = 0;
            for (var i = batch.BatchCommands.Count - own; i < batch.BatchCommands.Count; i++)
            {
                affected += Math.Max(0, batch.BatchCommands[i].RecordsAffected);
            }

            return affected;
        }

        return await _inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        return await TakeDeferredWithAsync(cancellationToken) is var (batch, _)
            ? await batch.ExecuteScalarAsync(cancellationToken)
            : await _inner.ExecuteScalarAsync(cancellationToken);
    }

    public override Task PrepareAsync(CancellationToken cancellationToken = default) => _inner.PrepareAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        _unit.Executing(_inner.CommandText);
        _unit.Deferred?.Flush();
        return _inner.ExecuteReader(behavior);
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        _unit.Executing(_inner.CommandText);
        return await TakeDeferredWithAsync(cancellationToken) is var (batch, _)
            ? await batch.ExecuteReaderAsync(behavior, cancellationToken)
            : await _inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    // The held inserts and this command in one round trip; the batch lives as long as this command (its reader's source).
    private async Task<(DbBatch Batch, int Own)?> TakeDeferredWithAsync(CancellationToken cancellationToken)
    {
        if (_unit.Deferred is not { } deferred || await deferred.TakeWithAsync(_inner, cancellationToken) is not { } taken)
        {
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
