using JewelHub.Canonical.Entities;
using JewelHub.Hub.Api.Inventory;
using JewelHub.Hub.Background;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Background;

public sealed class ReservationExpiryLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Tick_AfterHoldEnds_ReleasesPiece(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var clock = new ManualClock();
        var store = new InventoryStore(database.Database, clock);
        var ring = new Piece
        {
            Sku = Canonical.Values.Sku.TryParse("R-1", out var sku, out _) ? sku : default,
            Category = "rings",
            Metal = Canonical.Values.Metal.Gold,
            Fineness = Canonical.Values.Fineness.Of(Canonical.Values.Metal.Gold, 750),
            GrossWeight = Canonical.Values.Grams.Of(3m),
            NetWeight = Canonical.Values.Grams.Of(3m),
            Making = new MakingCharge(MakingChargeMode.Percent, 12.5m),
            Branch = "MUM",
        };
        await database.Database.InUnitAsync((unit, ct) => store.CreatePieceAsync(unit, ring, ct), Ct);
        await database.Database.InUnitAsync((unit, ct) => store.ReserveAsync(unit, "SO-1", "MUM", [new SalesOrderLine("R-1")], clock.GetUtcNow().AddMinutes(1), ct), Ct);
        using var service = new ReservationExpiryLoop(store, clock, Options.Create(new InventoryOptions()), NullLogger<ReservationExpiryLoop>.Instance);
        await service.StartAsync(Ct);

        // Act: ticks before the hold ends release nothing; ticks go on until one comes after it.
        for (var wait = 0; wait < 100 && clock.Timers == 0; wait++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, Ct);
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        var stillHeld = (await store.GetPieceAsync("R-1", Ct))!.Status;
        var status = stillHeld;
        for (var tick = 0; tick < 100 && status != PieceStatus.Available; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, Ct);
            status = (await store.GetPieceAsync("R-1", Ct))!.Status;
        }

        await service.StopAsync(Ct);

        // Assert
        Assert.Equal(PieceStatus.Reserved, stillHeld);
        Assert.Equal(PieceStatus.Available, status);
        Assert.Contains(await store.MovementsAsync("R-1", Ct), movement => movement.Reason == MovementReason.Release);
    }
}
