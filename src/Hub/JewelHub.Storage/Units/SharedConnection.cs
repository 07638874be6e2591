using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Storage.Units;

/// <summary>
/// The connection of a <see cref="UnitOfWork"/> as a store sees it: opening, closing and disposing it do nothing (the unit
/// owns the real connection; a store's "using" only ends its turn), its commands run inside the unit's transaction, and
/// a transaction begun on it is a part of the unit's.
/// </summary>
internal sealed class SharedConnection(DbConnection inner, UnitOfWork unit) : DbConnection
{
    internal UnitOfWork Unit => unit;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new InvalidOperationException("The connection of a unit of work cannot be re-pointed.");
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) =>
        throw new InvalidOperationException("The connection of a unit of work cannot change database.");

    public override void Open()
    {
    }

    public override Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Close()
    {
    }

    public override Task CloseAsync() => Task.CompletedTask;


    /// <summary>A part of the unit's transaction.</summary>
    public SharedTransaction JoinTransaction() => new(this, unit);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => JoinTransaction();

    protected override DbCommand CreateDbCommand() => new SharedCommand(inner.CreateCommand(), this, unit.Transaction);
}
