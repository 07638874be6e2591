using System.Data;
using System.Data.Common;

namespace JewelHub.Storage.Units;

/// <summary>
/// A store's transaction inside a <see cref="UnitOfWork"/>: committing it leaves the writes to the unit's commit;
/// rolling it back, or disposing it uncommitted after a write, breaks the unit, because the store meant its writes to be
/// undone.
/// </summary>
internal sealed class SharedTransaction(SharedConnection connection, UnitOfWork unit) : DbTransaction
{
    private readonly long _writesBefore = unit.Writes;
    private bool _ended;

    public override IsolationLevel IsolationLevel => unit.Transaction.IsolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => _ended = true;

    public override Task CommitAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;
        return Task.CompletedTask;
    }

    public override void Rollback()
    {
        _ended = true;
        unit.Break();
    }

    public override Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        Rollback();
        return Task.CompletedTask;
    }


    protected override void Dispose(bool disposing)
    {
        if (!_ended && unit.Writes != _writesBefore)
        {
            Rollback();
        }

        base.Dispose(disposing);
    }
}
