using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Inventory.InventoryTestData;

namespace JewelHub.Stores.Tests.Storage;

/// <summary>Stores given the same unit of work write in its one transaction, which its owner commits or rolls back.</summary>
public sealed class UnitOfWorkTests
{
    private static readonly DateTimeOffset ExpiresAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Commit_TwoStoresWroteInTheUnit_BothVisibleOnlyAfterCommit(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, orders) = Stores(database);
        await database.Database.InUnitAsync((unit, ct) => inventory.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);

        // Act
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            Assert.True((await inventory.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct)).Succeeded);
            await orders.CreateOrderAsync(unit, Order("SO-1", "R-1"), Ct);

            // The unit reads its own writes; other connections do not see them yet.
            Assert.NotNull(await orders.GetOrderAsync(unit, "SO-1", Ct));
            Assert.Null(await orders.GetOrderAsync("SO-1", Ct));
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM sales_orders"));
            await unit.CommitAsync(Ct);
        }

        // Assert
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM sales_orders WHERE id = 'SO-1'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM reservations WHERE order_id = 'SO-1' AND status = 'Reserved'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM pieces WHERE sku = 'R-1' AND status = 'Reserved'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AfterCommit_RunsAfterTheCommitNeverAfterARollback(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var ran = new List<string>();

        await using (var committed = await database.Database.BeginUnitAsync(Ct))
        {
            committed.AfterCommit(() => ran.Add("committed"));
            Assert.Empty(ran);
            await committed.CommitAsync(Ct);
        }

        await using (var rolledBack = await database.Database.BeginUnitAsync(Ct))
        {
            rolledBack.AfterCommit(() => ran.Add("rolled back"));
        }

        Assert.Equal(["committed"], ran);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Dispose_NotCommitted_NothingWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, orders) = Stores(database);
        await database.Database.InUnitAsync((unit, ct) => inventory.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            Assert.True((await inventory.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct)).Succeeded);
            await orders.CreateOrderAsync(unit, Order("SO-1", "R-1"), Ct);
        }

        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM sales_orders"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM reservations"));
        Assert.Equal(PieceStatus.Available, (await inventory.GetPieceAsync("R-1", Ct))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reserve_SecondLineOutOfStock_OnlyTheHoldIsUndoneAndTheUnitGoesOn(DatabaseProvider provider)
    {
        // Arrange: R-1 is on the shelf, R-2 is held for another order.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (inventory, orders) = Stores(database);
        await database.Database.InUnitAsync(async (unit, ct) =>
        {
            await inventory.CreatePieceAsync(unit, Ring("R-1"), ct);
            await inventory.CreatePieceAsync(unit, Ring("R-2"), ct);
            await inventory.ReserveAsync(unit, "SO-0", "MUM", [new SalesOrderLine("R-2")], ExpiresAt, ct);
        }, Ct);

        // Act: in one unit, an order that cannot be held, then one that can.
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            var refused = await inventory.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("R-2")], ExpiresAt, Ct);
            Assert.False(refused.Succeeded);
            Assert.Equal(["R-2"], refused.UnavailableSkus);
            Assert.True((await inventory.ReserveAsync(unit, "SO-2", "MUM", [new SalesOrderLine("R-1")], ExpiresAt, Ct)).Succeeded);
            await orders.CreateOrderAsync(unit, Order("SO-2", "R-1"), Ct);
            await unit.CommitAsync(Ct);
        }

        // Assert: SO-1 holds nothing; SO-2's hold and order committed with the unit.
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM reservations WHERE order_id = 'SO-1'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM reservations WHERE order_id = 'SO-2' AND status = 'Reserved'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM sales_orders WHERE id = 'SO-2'"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM movements WHERE sku = 'R-1' AND reason = 'Reservation'"));
    }

    [Fact]
    public async Task SqliteWriters_ManyUnitsAtOnce_QueueInTheProcessAndNeverMeetTheBusyHandler()
    {
        // Arrange: SQLite's busy handler gives up at once, so a writer that reached the file's lock while another held it
        // would fail with SQLITE_BUSY; one unit is open, and holds the lock, while the others start.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var impatient = new Database(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = database.Options.ConnectionString,
            SqliteBusyTimeout = TimeSpan.Zero,
        });
        var inside = 0;
        var mostInside = 0;
        var first = await impatient.BeginUnitAsync(Ct);
        await first.Connection.ExecuteAsync(first.Command("INSERT INTO workflow_effects (key, result, at) VALUES ('w-first', NULL, @At)", new { At = DateTimeOffset.UnixEpoch }, Ct));

        // Act
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(() => impatient.InUnitAsync(async (unit, ct) =>
        {
            mostInside = Math.Max(mostInside, Interlocked.Increment(ref inside));
            await unit.Connection.ExecuteAsync(unit.Command("INSERT INTO workflow_effects (key, result, at) VALUES (@Key, NULL, @At)",
                new { Key = $"w-{i}", At = DateTimeOffset.UnixEpoch }, ct));
            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }, Ct), Ct)).ToList();
        await Task.Delay(100, Ct);
        var doneWhileHeld = writers.Count(w => w.IsCompleted);
        await first.CommitAsync(Ct);
        await first.DisposeAsync();
        await Task.WhenAll(writers);

        // Assert: none wrote while the first held the turn, one at a time after it, and every write committed.
        Assert.Equal(0, doneWhileHeld);
        Assert.Equal(1, mostInside);
        Assert.Equal(21, await CountAsync(database, "SELECT count(*) FROM workflow_effects WHERE key LIKE 'w-%'"));
    }

    [Fact]
    public async Task SqliteRead_WhileAUnitWrites_AnsweredAtOnceWithTheLastCommit()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var (inventory, orders) = Stores(database);
        await database.Database.InUnitAsync((unit, ct) => inventory.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);

        await using var writing = await database.Database.BeginUnitAsync(Ct);
        await orders.CreateOrderAsync(writing, Order("SO-1", "R-1"), Ct);
        var read = orders.GetOrderAsync("SO-1", Ct);

        // The read does not wait for the open unit (WAL): it completes while the unit is still open.
        Assert.Null(await read.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.NotNull(await inventory.GetPieceAsync("R-1", Ct));
    }

    private static (InventoryStore Inventory, OrderStore Orders) Stores(TestDatabase database) =>
        (new InventoryStore(database.Database, TimeProvider.System), new OrderStore(database.Database, TimeProvider.System));

    private static SalesOrder Order(string id, string sku) => new() { Id = id, Branch = "MUM", PlaceOfSupply = "MH", Lines = [new SalesOrderLine(sku)] };

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Ct));
    }
}
