using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Inventory.InventoryTestData;

namespace JewelHub.Stores.Tests.Inventory;

public sealed class InventoryStockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreatePiece_ThenGet_ReturnsSamePieceWithStones(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        var ring = Ring("R-1", huid: "AB12CD");

        var created = await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, ring, ct), Ct);
        var read = await store.GetPieceAsync("R-1", Ct);

        Assert.Equal(CreatePieceResult.Created, created);
        // Collections compare by reference inside a record: compared on their own.
        var none = new Dictionary<string, string>();
        Assert.Equal(ring with { Stones = [], Attributes = none }, read! with { Stones = [], Attributes = none });
        Assert.Equal(ring.Stones, read.Stones);
        Assert.Equal(ring.Attributes, read.Attributes);
        Assert.Null(await store.GetPieceAsync("R-404", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreatePiece_HuidOrSkuAlreadyInStock_Refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1", huid: "AB12CD"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);

        var sameHuid = await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-2", huid: "ab12cd"), ct), Ct);
        var sameSku = await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1", huid: "ZZ99ZZ"), ct), Ct);
        var itemSku = await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("COIN-10G"), ct), Ct);
        var huidInReceipt = await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Pieces = [Ring("R-3"), Ring("R-4", huid: "AB12CD")] }, ct), Ct);

        Assert.Equal(CreatePieceResult.DuplicateHuid, sameHuid);
        Assert.Equal(CreatePieceResult.DuplicateSku, sameSku);
        Assert.Equal(CreatePieceResult.DuplicateSku, itemSku);
        Assert.Equal(new ReceiptResult(ReceiptOutcome.DuplicateHuid, "AB12CD"), huidInReceipt);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM pieces"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM movements"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreatePiece_SameHuidConcurrently_OneWins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring($"R-{n}", huid: "AB12CD"), ct), Ct), Ct)));

        Assert.Equal(1, results.Count(result => result == CreatePieceResult.Created));
        Assert.Equal(7, results.Count(result => result == CreatePieceResult.DuplicateHuid));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM pieces WHERE huid = 'AB12CD'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_SameReferenceTwice_ReceivedOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        var receipt = new StockReceipt { Reference = "GRN-7", Branch = "BLR", Pieces = [Ring("R-1", branch: "MUM")], Items = [new ReceiptLine("COIN-10G", 4)] };

        var first = await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, receipt, ct), Ct);
        var second = await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, receipt, ct), Ct);
        var unknown = await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-8", Branch = "BLR", Items = [new ReceiptLine("BAR-1KG", 1)] }, ct), Ct);
        var stock = await store.StockByBranchAsync("BLR", Ct);

        Assert.Equal(ReceiptOutcome.Received, first.Outcome);
        Assert.Equal(ReceiptOutcome.AlreadyReceived, second.Outcome);
        Assert.Equal(new ReceiptResult(ReceiptOutcome.UnknownItem, "BAR-1KG"), unknown);
        Assert.Equal("R-1", Assert.Single(stock.Pieces).Sku.Value);
        var level = Assert.Single(stock.Items);
        Assert.Equal((4, 0, 40m), (level.OnHand, level.Reserved, level.Weight.Value));
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM movements WHERE reference = 'GRN-7'"));
        Assert.Equal(40000, await CountAsync(database, "SELECT weight_delta_mg FROM movements WHERE sku = 'COIN-10G'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Adjust_SameReferenceTwice_AppliedOnceAndPostedOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 5)] }, ct), Ct);
        var posted = new List<StockAdjusted>();
        var count = new StockAdjustment { Reference = "COUNT-2026-04", Sku = "COIN-10G", Branch = "MUM", QuantityDelta = -1 };

        // What is posted is what the adjustment applied for the first time, as StockOperations posts it.
        async Task<AdjustmentResult> AdjustAndPostAsync(UnitOfWork unit, CancellationToken ct)
        {
            var result = await store.AdjustAsync(unit, count, ct);
            if (result is { Outcome: AdjustmentOutcome.Adjusted, Adjusted: { } adjusted })
            {
                posted.Add(adjusted);
            }

            return result;
        }

        var first = await database.Database.InUnitAsync(AdjustAndPostAsync, Ct);
        var second = await database.Database.InUnitAsync(AdjustAndPostAsync, Ct);

        Assert.Equal(AdjustmentOutcome.Adjusted, first.Outcome);
        Assert.Equal(AdjustmentOutcome.AlreadyApplied, second.Outcome);
        Assert.Equal(first.Adjusted, second.Adjusted);
        var adjusted = Assert.Single(posted);
        Assert.Equal((Metal.Gold, 999, -1, -10m), (adjusted.Metal, adjusted.Fineness.PartsPerThousand, adjusted.QuantityDelta, adjusted.WeightDelta));
        Assert.Equal(4, await CountAsync(database, "SELECT on_hand FROM stock_levels"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Adjust_InvalidOrPostingFails_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 2)] }, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("COIN-10G", 2)], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);

        var belowReserved = await database.Database.InUnitAsync((unit, ct) => store.AdjustAsync(unit, new StockAdjustment { Reference = "A-1", Sku = "COIN-10G", Branch = "MUM", QuantityDelta = -1 }, ct), Ct);
        var netOverGross = await database.Database.InUnitAsync((unit, ct) => store.AdjustAsync(unit, new StockAdjustment { Reference = "A-2", Sku = "R-1", Branch = "MUM", WeightDelta = 0.5m }, ct), Ct);
        var quantityOfPiece = await database.Database.InUnitAsync((unit, ct) => store.AdjustAsync(unit, new StockAdjustment { Reference = "A-3", Sku = "R-1", Branch = "MUM", QuantityDelta = -1 }, ct), Ct);
        var unknown = await database.Database.InUnitAsync((unit, ct) => store.AdjustAsync(unit, new StockAdjustment { Reference = "A-4", Sku = "NOPE", Branch = "MUM", QuantityDelta = 1 }, ct), Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Database.InUnitAsync(async (unit, ct) =>
        {
            await store.AdjustAsync(unit, new StockAdjustment { Reference = "A-5", Sku = "R-1", Branch = "MUM", WeightDelta = -0.01m }, ct);
            throw new InvalidOperationException("ledger refused");
        }, Ct));
        var reweighed = await database.Database.InUnitAsync((unit, ct) => store.AdjustAsync(unit, new StockAdjustment { Reference = "A-6", Sku = "R-1", Branch = "MUM", WeightDelta = -0.02m }, ct), Ct);

        Assert.Equal(AdjustmentOutcome.Insufficient, belowReserved.Outcome);
        Assert.Equal(AdjustmentOutcome.NotAllowed, netOverGross.Outcome);
        Assert.Equal(AdjustmentOutcome.NotAllowed, quantityOfPiece.Outcome);
        Assert.Equal(AdjustmentOutcome.UnknownSku, unknown.Outcome);
        Assert.Equal(AdjustmentOutcome.Adjusted, reweighed.Outcome);
        Assert.Equal(Grams.Of(4.96m), (await store.GetPieceAsync("R-1", Ct))!.NetWeight);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM movements WHERE reason = 'Adjustment'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LowStock_AvailableUnderThreshold_Listed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-2"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreateStockItemAsync(unit, Coin("COIN-10G"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReceiveAsync(unit, new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 5)] }, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.SetThresholdAsync(unit, "rings", "MUM", 1, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.SetThresholdAsync(unit, "rings", "MUM", 2, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.SetThresholdAsync(unit, "coins", "MUM", 5, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.SetThresholdAsync(unit, "rings", "BLR", 3, ct), Ct);

        var before = await store.LowStockAsync("MUM", Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("COIN-10G")], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);
        var after = await store.LowStockAsync("MUM", Ct);

        Assert.Empty(before);
        Assert.Equal([("coins", 5, 4L), ("rings", 2, 1L)], after.Select(line => (line.Category, line.MinQuantity, line.Available)));
        Assert.Equal(3, Assert.Single(await store.LowStockAsync("BLR", Ct)).MinQuantity);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TrackLowStock_ManyChecksAtOnceThenStillLow_OneRaisedUntilRecovered(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-1"), ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.SetThresholdAsync(unit, "rings", "MUM", 2, ct), Ct);

        // Act
        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => database.Database.InUnitAsync((unit, ct) => store.TrackLowStockAsync(unit, "MUM", $"check-{n}", ct), Ct), Ct)));
        var winner = Assert.Single(checks.SelectMany(c => c), a => a.Raised);
        var replay = await database.Database.InUnitAsync((unit, ct) => store.TrackLowStockAsync(unit, "MUM", winner.AlertId[..winner.AlertId.LastIndexOf(':')], ct), Ct);
        var stillLow = await database.Database.InUnitAsync((unit, ct) => store.TrackLowStockAsync(unit, "MUM", "check-later", ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, Ring("R-2"), ct), Ct);
        var recovered = await database.Database.InUnitAsync((unit, ct) => store.TrackLowStockAsync(unit, "MUM", "check-recovered", ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-2")], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ct), Ct);
        var lowAgain = await database.Database.InUnitAsync((unit, ct) => store.TrackLowStockAsync(unit, "MUM", "check-again", ct), Ct);

        // Assert
        Assert.All(checks, c => Assert.Equal((1L, 2), (Assert.Single(c).Line.Available, c[0].Line.MinQuantity)));
        Assert.True(Assert.Single(replay).Raised);
        Assert.False(Assert.Single(stillLow).Raised);
        Assert.Empty(recovered);
        Assert.Equal(("check-again:rings", true), (Assert.Single(lowAgain).AlertId, lowAgain[0].Raised));
    }
}
