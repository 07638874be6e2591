using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Storage.Units;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Inventory.InventoryTestData;

namespace JewelHub.Stores.Tests.Storage;

/// <summary>Stores that run inside an entered unit of work write in its one transaction, unchanged.</summary>
public sealed class UnitOfWorkTests
{
    private static readonly DateTimeOffset ExpiresAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Commit_TwoStoresWrote_BothVisibleOnlyAfterCommit(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, orders) = Stores(database);
        await inventory.CreatePieceAsync(Ring("R-1"), Ct);

        // Act
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                Assert.True((await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct)).Succeeded);
                await orders.CreateOrderAsync(Order("SO-1", "R-1"), Ct);

                // The unit reads its own writes.
                Assert.NotNull(await orders.GetOrderAsync("SO-1", Ct));
                Assert.False(unit.IsBroken);
            }

            // Other connections do not see them yet.
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM finance.sales_orders"));
            await unit.CommitAsync(Ct);
        }

        // Assert
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM finance.sales_orders WHERE id = 'SO-1'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.reservations WHERE order_id = 'SO-1' AND status = 'Reserved'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.pieces WHERE sku = 'R-1' AND status = 'Reserved'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenCommitted_RunsAfterCommitNeverAfterRollbackAtOnceOutsideAUnit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, _) = Stores(database);
        await inventory.CreatePieceAsync(Ring("R-1"), Ct);
        var seen = new List<string>();

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct);
                UnitOfWork.WhenCommitted(() => seen.Add($"committed, reservations seen: {Count(database)}"));
            }

            Assert.Empty(seen);
            await unit.CommitAsync(Ct);
        }

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using var entered = unit.Enter();
            UnitOfWork.WhenCommitted(() => seen.Add("rolled back"));
        }

        UnitOfWork.WhenCommitted(() => seen.Add("no unit"));
        Assert.Equal(["committed, reservations seen: 1", "no unit"], seen);

        static long Count(TestDatabase database) => CountAsync(database, "SELECT count(*) FROM inventory.reservations").GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Dispose_NotCommitted_NothingWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, orders) = Stores(database);
        await inventory.CreatePieceAsync(Ring("R-1"), Ct);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using var entered = unit.Enter();
            await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct);
            await orders.CreateOrderAsync(Order("SO-1", "R-1"), Ct);
        }

        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM finance.sales_orders"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM inventory.reservations"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.pieces WHERE sku = 'R-1' AND status = 'Available'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StoreRollsBack_SecondLineOutOfStock_UnitBrokenAndCannotCommit(DatabaseProvider provider)
    {
        // Arrange: the first line can be held, the second cannot; the store undoes the first line's hold.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, _) = Stores(database);
        await inventory.CreatePieceAsync(Ring("R-1"), Ct);

        // Act
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using var entered = unit.Enter();
            var held = await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("R-MISSING")], ExpiresAt, Ct);

            // Assert
            Assert.False(held.Succeeded);
            Assert.True(unit.IsBroken);
            await Assert.ThrowsAsync<InvalidOperationException>(() => unit.CommitAsync(Ct));
        }

        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.pieces WHERE sku = 'R-1' AND status = 'Available'"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM inventory.movements WHERE reason = 'Reservation'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StoreAnswersFromReadsOnly_AlreadyReserved_UnitStaysWhole(DatabaseProvider provider)
    {
        // Arrange: the second reservation of the same order finds the first and returns without writing or committing.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, _) = Stores(database);
        await inventory.CreatePieceAsync(Ring("R-1"), Ct);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct);
                var again = await inventory.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct);

                Assert.Equal(ReservationOutcome.AlreadyReserved, again.Outcome);
                Assert.False(unit.IsBroken);
            }

            await unit.CommitAsync(Ct);
        }

        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.reservations WHERE order_id = 'SO-1'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Enter_ScopeLeft_ConnectionsAreTheirOwnAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var unit = await database.Database.BeginUnitAsync(Ct);

        var inside = await EnteredConnectionAsync(unit, database);
        var again = await EnteredConnectionAsync(unit, database);
        await using var outside = await database.Database.OpenAsync(Ct);

        Assert.Same(inside, again);
        Assert.NotSame(inside, outside);
    }

    private static async Task<System.Data.Common.DbConnection> EnteredConnectionAsync(UnitOfWork unit, TestDatabase database)
    {
        using var entered = unit.Enter();
        return await database.Database.OpenAsync(Ct);
    }

    private static (InventoryStore Inventory, OrderStore Orders) Stores(TestDatabase database) =>
        (new InventoryStore(database.Database, TimeProvider.System), new OrderStore(database.Database, TimeProvider.System));

    private static SalesOrder Order(string id, string sku) => new() { Id = id, Branch = "MUM", PlaceOfSupply = "MH", Lines = [new SalesOrderLine(sku)] };
}
