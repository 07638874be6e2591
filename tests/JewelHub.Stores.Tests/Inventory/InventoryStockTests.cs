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

        var created = await store.CreatePieceAsync(ring, Ct);
        var read = await store.GetPieceAsync("R-1", Ct);

        Assert.Equal(CreatePieceResult.Created, created);
        Assert.Equal(ring with { Stones = [] }, read! with { Stones = [] });
        Assert.Equal(ring.Stones, read.Stones);
        Assert.Null(await store.GetPieceAsync("R-404", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreatePiece_HuidOrSkuAlreadyInStock_Refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await store.CreatePieceAsync(Ring("R-1", huid: "AB12CD"), Ct);
        await store.CreateStockItemAsync(Coin("COIN-10G"), Ct);

        var sameHuid = await store.CreatePieceAsync(Ring("R-2", huid: "ab12cd"), Ct);
        var sameSku = await store.CreatePieceAsync(Ring("R-1", huid: "ZZ99ZZ"), Ct);
        var itemSku = await store.CreatePieceAsync(Ring("COIN-10G"), Ct);
        var huidInReceipt = await store.ReceiveAsync(new StockReceipt { Reference = "GRN-1", Branch = "MUM", Pieces = [Ring("R-3"), Ring("R-4", huid: "AB12CD")] }, Ct);

        Assert.Equal(CreatePieceResult.DuplicateHuid, sameHuid);
        Assert.Equal(CreatePieceResult.DuplicateSku, sameSku);
        Assert.Equal(CreatePieceResult.DuplicateSku, itemSku);
        Assert.Equal(new ReceiptResult(ReceiptOutcome.DuplicateHuid, "AB12CD"), huidInReceipt);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.pieces"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.movements"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CreatePiece_SameHuidConcurrently_OneWins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => store.CreatePieceAsync(Ring($"R-{n}", huid: "AB12CD"), Ct), Ct)));

        Assert.Equal(1, results.Count(result => result == CreatePieceResult.Created));
        Assert.Equal(7, results.Count(result => result == CreatePieceResult.DuplicateHuid));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.pieces WHERE huid = 'AB12CD'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_SameReferenceTwice_ReceivedOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await store.CreateStockItemAsync(Coin("COIN-10G"), Ct);
        var receipt = new StockReceipt { Reference = "GRN-7", Branch = "BLR", Pieces = [Ring("R-1", branch: "MUM")], Items = [new ReceiptLine("COIN-10G", 4)] };

        var first = await store.ReceiveAsync(receipt, Ct);
        var second = await store.ReceiveAsync(receipt, Ct);
        var unknown = await store.ReceiveAsync(new StockReceipt { Reference = "GRN-8", Branch = "BLR", Items = [new ReceiptLine("BAR-1KG", 1)] }, Ct);
        var stock = await store.StockByBranchAsync("BLR", Ct);

        Assert.Equal(ReceiptOutcome.Received, first.Outcome);
        Assert.Equal(ReceiptOutcome.AlreadyReceived, second.Outcome);
        Assert.Equal(new ReceiptResult(ReceiptOutcome.UnknownItem, "BAR-1KG"), unknown);
        Assert.Equal("R-1", Assert.Single(stock.Pieces).Sku.Value);
        var level = Assert.Single(stock.Items);
        Assert.Equal((4, 0, 40m), (level.OnHand, level.Reserved, level.Weight.Value));
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM inventory.movements WHERE reference = 'GRN-7'"));
        Assert.Equal(40000, await CountAsync(database, "SELECT weight_delta_mg FROM inventory.movements WHERE sku = 'COIN-10G'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Adjust_SameReferenceTwice_AppliedOnceAndPostedOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await store.CreateStockItemAsync(Coin("COIN-10G"), Ct);
        await store.ReceiveAsync(new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 5)] }, Ct);
        var posted = new List<StockAdjusted>();
        var count = new StockAdjustment { Reference = "COUNT-2026-04", Sku = "COIN-10G", Branch = "MUM", QuantityDelta = -1 };

        var first = await store.AdjustAsync(count, (adjusted, _, _, _) => { posted.Add(adjusted); return Task.CompletedTask; }, Ct);
        var second = await store.AdjustAsync(count, (adjusted, _, _, _) => { posted.Add(adjusted); return Task.CompletedTask; }, Ct);

        Assert.Equal(AdjustmentOutcome.Adjusted, first.Outcome);
        Assert.Equal(AdjustmentOutcome.AlreadyApplied, second.Outcome);
        Assert.Equal(first.Adjusted, second.Adjusted);
        var adjusted = Assert.Single(posted);
        Assert.Equal((Metal.Gold, 999, -1, -10m), (adjusted.Metal, adjusted.Fineness.PartsPerThousand, adjusted.QuantityDelta, adjusted.WeightDelta));
        Assert.Equal(4, await CountAsync(database, "SELECT on_hand FROM inventory.stock_levels"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Adjust_InvalidOrPostingFails_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await store.CreatePieceAsync(Ring("R-1"), Ct);
        await store.CreateStockItemAsync(Coin("COIN-10G"), Ct);
        await store.ReceiveAsync(new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 2)] }, Ct);
        await store.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("COIN-10G", 2)], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), Ct);

        var belowReserved = await store.AdjustAsync(new StockAdjustment { Reference = "A-1", Sku = "COIN-10G", Branch = "MUM", QuantityDelta = -1 }, Ct);
        var netOverGross = await store.AdjustAsync(new StockAdjustment { Reference = "A-2", Sku = "R-1", Branch = "MUM", WeightDelta = 0.5m }, Ct);
        var quantityOfPiece = await store.AdjustAsync(new StockAdjustment { Reference = "A-3", Sku = "R-1", Branch = "MUM", QuantityDelta = -1 }, Ct);
        var unknown = await store.AdjustAsync(new StockAdjustment { Reference = "A-4", Sku = "NOPE", Branch = "MUM", QuantityDelta = 1 }, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AdjustAsync(
            new StockAdjustment { Reference = "A-5", Sku = "R-1", Branch = "MUM", WeightDelta = -0.01m },
            (_, _, _, _) => throw new InvalidOperationException("ledger refused"), Ct));
        var reweighed = await store.AdjustAsync(new StockAdjustment { Reference = "A-6", Sku = "R-1", Branch = "MUM", WeightDelta = -0.02m }, Ct);

        Assert.Equal(AdjustmentOutcome.Insufficient, belowReserved.Outcome);
        Assert.Equal(AdjustmentOutcome.NotAllowed, netOverGross.Outcome);
        Assert.Equal(AdjustmentOutcome.NotAllowed, quantityOfPiece.Outcome);
        Assert.Equal(AdjustmentOutcome.UnknownSku, unknown.Outcome);
        Assert.Equal(AdjustmentOutcome.Adjusted, reweighed.Outcome);
        Assert.Equal(Grams.Of(4.96m), (await store.GetPieceAsync("R-1", Ct))!.NetWeight);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM inventory.movements WHERE reason = 'Adjustment'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LowStock_AvailableUnderThreshold_Listed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = new InventoryStore(database.Database, TimeProvider.System);
        await store.CreatePieceAsync(Ring("R-1"), Ct);
        await store.CreatePieceAsync(Ring("R-2"), Ct);
        await store.CreateStockItemAsync(Coin("COIN-10G"), Ct);
        await store.ReceiveAsync(new StockReceipt { Reference = "GRN-1", Branch = "MUM", Items = [new ReceiptLine("COIN-10G", 5)] }, Ct);
        await store.SetThresholdAsync("rings", "MUM", 1, Ct);
        await store.SetThresholdAsync("rings", "MUM", 2, Ct);
        await store.SetThresholdAsync("coins", "MUM", 5, Ct);
        await store.SetThresholdAsync("rings", "BLR", 3, Ct);

        var before = await store.LowStockAsync("MUM", Ct);
        await store.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-1"), new SalesOrderLine("COIN-10G")], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), Ct);
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
        await store.CreatePieceAsync(Ring("R-1"), Ct);
        await store.SetThresholdAsync("rings", "MUM", 2, Ct);

        // Act
        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => store.TrackLowStockAsync("MUM", $"check-{n}", Ct), Ct)));
        var winner = Assert.Single(checks.SelectMany(c => c), a => a.Raised);
        var replay = await store.TrackLowStockAsync("MUM", winner.AlertId[..winner.AlertId.LastIndexOf(':')], Ct);
        var stillLow = await store.TrackLowStockAsync("MUM", "check-later", Ct);
        await store.CreatePieceAsync(Ring("R-2"), Ct);
        var recovered = await store.TrackLowStockAsync("MUM", "check-recovered", Ct);
        await store.ReserveAsync("SO-1", "MUM", [new SalesOrderLine("R-2")], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        var lowAgain = await store.TrackLowStockAsync("MUM", "check-again", Ct);

        // Assert
        Assert.All(checks, c => Assert.Equal((1L, 2), (Assert.Single(c).Line.Available, c[0].Line.MinQuantity)));
        Assert.True(Assert.Single(replay).Raised);
        Assert.False(Assert.Single(stillLow).Raised);
        Assert.Empty(recovered);
        Assert.Equal(("check-again:rings", true), (Assert.Single(lowAgain).AlertId, lowAgain[0].Raised));
    }
}
