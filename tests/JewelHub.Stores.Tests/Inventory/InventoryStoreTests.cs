using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Inventory.InventoryTestData;

namespace JewelHub.Stores.Tests.Inventory;

public sealed class InventoryStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reserve_64ConcurrentOrdersFor10Pieces_Exactly10Succeed(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(CreatePieceResult.Created, await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring($"R-{i}"), ct), Ct));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Act: every piece is wanted by six or seven orders at once.
        var attempts = Enumerable.Range(0, 64).Select(n => Task.Run(async () =>
        {
            await start.Task;
            return await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, $"SO-{n}", "MUM", [new SalesOrderLine($"R-{n % 10}")], expiresAt, ct), Ct);
        }, Ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        // Assert
        Assert.Equal(10, results.Count(result => result.Outcome == ReservationOutcome.Reserved));
        Assert.Equal(54, results.Count(result => result.Outcome == ReservationOutcome.Unavailable));
        await using var connection = await database.Database.OpenAsync(Ct);
        var holders = (await connection.QueryAsync<(string Sku, string OrderId, string Status)>(
            "SELECT sku, order_id, status FROM pieces ORDER BY sku")).AsList();
        Assert.All(holders, piece => Assert.Equal("Reserved", piece.Status));
        var reservations = (await connection.QueryAsync<(string Sku, string OrderId)>(
            "SELECT sku, order_id FROM reservations WHERE status = 'Reserved' ORDER BY sku")).AsList();
        Assert.Equal(holders.Select(piece => (piece.Sku, piece.OrderId)), reservations);
        var winners = results.Select((result, n) => (result, n)).Where(x => x.result.Outcome == ReservationOutcome.Reserved)
            .Select(x => ($"R-{x.n % 10}", $"SO-{x.n}")).Order();
        Assert.Equal(winners, reservations.Order());
        Assert.Equal(10, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Reservation'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reserve_30ConcurrentOrdersFor10Coins_NeverOversells(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 10)] }, ct), Ct);
        var expiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(n => Task.Run(() =>
            database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, $"SO-{n}", "MUM", [new SalesOrderLine("COIN-10G", 1 + (n % 2))], expiresAt, ct), Ct), Ct)));

        var held = results.Where(result => result.Succeeded).Sum(result => result.Lines.Sum(line => line.Quantity));
        Assert.Equal(held, await CountAsync(database, "SELECT reserved FROM stock_levels WHERE sku = 'COIN-10G'"));
        Assert.InRange(held, 9, 10);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ExtendHold_LaterTime_NotReleasedAtOldExpiryAndEarlierTimeNeverShortens(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var clock = new ManualClock();
        var store = new InventoryStore(database.Database, clock);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-A", "MUM", [new SalesOrderLine("R-1")], clock.GetUtcNow().AddMinutes(15), ct), Ct);

        var held = await database.Database.InUnitAsync((unit, ct) => store.ExtendHoldAsync(unit, "SO-A", clock.GetUtcNow().AddMinutes(60), ct), Ct);
        var shortened = await database.Database.InUnitAsync((unit, ct) => store.ExtendHoldAsync(unit, "SO-A", clock.GetUtcNow().AddMinutes(5), ct), Ct);
        var atOldExpiry = await store.ReleaseExpiredAsync(clock.GetUtcNow().AddMinutes(30), Ct);
        var atNewExpiry = await store.ReleaseExpiredAsync(clock.GetUtcNow().AddMinutes(60), Ct);

        Assert.Equal((1, 1), (held, shortened));
        Assert.Empty(atOldExpiry);
        Assert.Equal("SO-A", Assert.Single(atNewExpiry));
        Assert.Equal(0, await database.Database.InUnitAsync((unit, ct) => store.ExtendHoldAsync(unit, "SO-A", clock.GetUtcNow().AddMinutes(90), ct), Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReleaseExpired_HoldEnded_PieceCanBeReservedAndSoldByAnotherOrder(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var clock = new ManualClock();
        var store = new InventoryStore(database.Database, clock);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        var reserved = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-A", "MUM", [new SalesOrderLine("R-1")], clock.GetUtcNow().AddMinutes(15), ct), Ct);

        // Act
        var early = await store.ReleaseExpiredAsync(clock.GetUtcNow().AddMinutes(14), Ct);
        var blocked = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-B", "MUM", [new SalesOrderLine("R-1")], clock.GetUtcNow().AddMinutes(15), ct), Ct);
        clock.Advance(TimeSpan.FromMinutes(15));
        var expired = await store.ReleaseExpiredAsync(clock.GetUtcNow(), Ct);
        var again = await store.ReleaseExpiredAsync(clock.GetUtcNow(), Ct);
        var second = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-B", "MUM", [new SalesOrderLine("R-1")], clock.GetUtcNow().AddMinutes(15), ct), Ct);
        var sold = await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-B", ct), Ct);
        var late = await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-A", ct), Ct);

        // Assert
        Assert.Equal(ReservationOutcome.Reserved, reserved.Outcome);
        Assert.Empty(early);
        Assert.Equal(["R-1"], blocked.UnavailableSkus);
        Assert.Equal(["SO-A"], expired);
        Assert.Empty(again);
        Assert.Equal(ReservationOutcome.Reserved, second.Outcome);
        Assert.Equal(SaleCommitOutcome.Committed, sold.Outcome);
        Assert.Equal(SaleCommitOutcome.NothingReserved, late.Outcome);
        Assert.Equal(PieceStatus.Sold, (await store.GetPieceAsync("R-1", Ct))!.Status);
        var reasons = (await store.MovementsAsync("R-1", Ct)).Select(movement => (movement.Reason, movement.QuantityDelta, movement.WeightDelta));
        Assert.Equal(
            [(MovementReason.Receipt, 1, 4.98m), (MovementReason.Reservation, -1, -4.98m), (MovementReason.Release, 1, 4.98m),
             (MovementReason.Reservation, -1, -4.98m), (MovementReason.Sale, -1, -4.98m)],
            reasons);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reserve_SameOrderTwice_ReturnsFirstReservationAndWritesOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-2"), ct), Ct);
        var expiresAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], expiresAt, ct), Ct);
        var repeat = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], expiresAt.AddDays(1), ct), Ct);
        var changed = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-2")], expiresAt, ct), Ct);

        Assert.Equal(ReservationOutcome.Reserved, first.Outcome);
        Assert.Equal(ReservationOutcome.AlreadyReserved, repeat.Outcome);
        Assert.Equal(first.Lines, repeat.Lines);
        Assert.Equal(first.Lines, changed.Lines);
        Assert.Equal(PieceStatus.Available, (await store.GetPieceAsync("R-2", Ct))!.Status);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM reservations"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Reservation'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reserve_OneLineUnavailable_HoldsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-2", branch: "BLR"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 2)] }, ct), Ct);

        var result = await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM",
            [new SalesOrderLine("R-1"), new SalesOrderLine("COIN-10G", 3), new SalesOrderLine("R-2"), new SalesOrderLine("NOPE")],
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);

        Assert.Equal(ReservationOutcome.Unavailable, result.Outcome);
        Assert.Equal(["COIN-10G", "NOPE", "R-2"], result.UnavailableSkus.Order());
        Assert.Equal(PieceStatus.Available, (await store.GetPieceAsync("R-1", Ct))!.Status);
        Assert.Equal(0, await CountAsync(database, "SELECT reserved FROM stock_levels"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM reservations"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Reservation'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommitSale_Twice_SellsOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await RingAndTwoOfFiveCoinsHeldForSO1Async(database.Database, store);

        var first = await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-1", ct), Ct);
        var second = await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-1", ct), Ct);
        var released = await database.Database.InUnitAsync((unit, ct) => store.ReleaseAsync(unit, "SO-1", "customer left", ct), Ct);

        Assert.Equal(SaleCommitOutcome.Committed, first.Outcome);
        Assert.Equal(SaleCommitOutcome.AlreadyCommitted, second.Outcome);
        Assert.All(second.Lines, line => Assert.Equal(ReservationStatus.Committed, line.Status));
        Assert.Equal(0, released);
        Assert.Equal(PieceStatus.Sold, (await store.GetPieceAsync("R-1", Ct))!.Status);
        Assert.Equal(3, await CountAsync(database, "SELECT on_hand FROM stock_levels WHERE sku = 'COIN-10G'"));
        Assert.Equal(0, await CountAsync(database, "SELECT reserved FROM stock_levels WHERE sku = 'COIN-10G'"));
        Assert.Equal(-20000, await CountAsync(database, "SELECT weight_delta_mg FROM movements WHERE reason = 'Sale' AND sku = 'COIN-10G'"));
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Sale'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReturnSold_PieceAndCoinsSoldThenReturnedTwice_BackInStockOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await RingAndTwoOfFiveCoinsHeldForSO1Async(database.Database, store);
        await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-1", ct), Ct);

        var returned = await database.Database.InUnitAsync((unit, ct) => store.ReturnSoldAsync(unit, "SO-1", "refunded", ct), Ct);
        var again = await database.Database.InUnitAsync((unit, ct) => store.ReturnSoldAsync(unit, "SO-1", "refunded", ct), Ct);

        Assert.Equal((2, 0), (returned, again));
        Assert.Equal(PieceStatus.Available, (await store.GetPieceAsync("R-1", Ct))!.Status);
        Assert.Equal(5, await CountAsync(database, "SELECT on_hand FROM stock_levels WHERE sku = 'COIN-10G'"));
        Assert.Equal(20000, await CountAsync(database, "SELECT weight_delta_mg FROM movements WHERE reason = 'Return' AND sku = 'COIN-10G'"));
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Return'"));
        Assert.True((await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-2", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("COIN-10G", 5)], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct)).Succeeded);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommitSale_CallerRollsBack_NothingSold(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            // Disposed without a commit: everything the sale wrote in the unit is rolled back.
            var inside = await store.CommitSaleAsync(unit, "SO-1", Ct);
            Assert.Equal(SaleCommitOutcome.Committed, inside.Outcome);
        }

        Assert.Equal(PieceStatus.Reserved, (await store.GetPieceAsync("R-1", Ct))!.Status);
        Assert.Equal(SaleCommitOutcome.Committed, (await database.Database.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, "SO-1", ct), Ct)).Outcome);
    }

    /// <summary>Ring R-1 and 2 of the 5 coins COIN-10G in stock at MUM, held for order SO-1.</summary>
    private static async Task RingAndTwoOfFiveCoinsHeldForSO1Async(Database db, InventoryStore store)
    {
        await db.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await db.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await db.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 5)] }, ct), Ct);
        await db.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("COIN-10G", 2)], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);
    }
}
