using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

public sealed class RateStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Morning = new(2026, 5, 4, 5, 0, 0, TimeSpan.Zero);

    private static MetalRate Gold(int fineness, decimal price, DateTimeOffset asOf, string source = "ibja") => new()
    {
        Metal = Metal.Gold,
        Fineness = Fineness.Of(Metal.Gold, fineness),
        PricePerGram = new Money(price, Currency.Inr),
        Source = source,
        AsOf = asOf,
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CurrentRate_LateOlderQuote_LatestAsOfWins(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);

        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(916, 6_500m, Morning.AddHours(6)), ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(916, 6_450m, Morning), ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(999, 7_100.25m, Morning), ct), Ct);

        var current = await sut.Rates.CurrentRateAsync(Metal.Gold, Fineness.Of(Metal.Gold, 916), Ct);
        var all = await sut.Rates.CurrentRatesAsync(Ct);
        var none = await sut.Rates.CurrentRateAsync(Metal.Silver, Fineness.Of(Metal.Silver, 925), Ct);

        Assert.Equal((6_500m, Morning.AddHours(6), "ibja"), (current!.PricePerGram.Amount, current.AsOf, current.Source));
        Assert.Equal([(999, 7_100.25m), (916, 6_500m)], all.Select(r => (r.Fineness.PartsPerThousand, r.PricePerGram.Amount)));
        Assert.Null(none);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordRate_SameQuoteTwice_RecordedOnce(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);

        var first = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(916, 6_500m, Morning), ct), Ct);
        var second = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(916, 6_500m, Morning), ct), Ct);
        var otherSource = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold(916, 6_520m, Morning, "board"), ct), Ct);

        Assert.Equal((true, false, true), (first, second, otherSource));
    }
}
