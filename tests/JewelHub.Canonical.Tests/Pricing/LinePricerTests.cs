using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using Xunit;

namespace JewelHub.Canonical.Tests.Pricing;

/// <summary>Every expected figure below was worked out by hand; the comments show the arithmetic.</summary>
public sealed class LinePricerTests
{
    private static readonly DateTimeOffset RateTime = new(2026, 11, 20, 10, 30, 0, TimeSpan.FromHours(5.5));
    private readonly LinePricer _pricer = new(new TaxRules { HomeState = "MH" });

    [Fact]
    public void Price_22K916RingPerGramMakingWithinState_SplitsCgstSgst()
    {
        var line = _pricer.Price(Ring22K(), "MH");

        Assert.Equal(65_000.00m, line.MetalValue);      // 10.000 g x 6,500.00
        Assert.Equal(0m, line.WastageValue);
        Assert.Equal(4_500.00m, line.MakingCharge);      // 10.000 g x 450.00
        Assert.Equal(69_500.00m, line.Taxable);
        Assert.Equal(new TaxSplit(1_042.50m, 1_042.50m, 0m), line.Tax); // 1.5% + 1.5%
        Assert.Equal(71_585.00m, line.Total);
        Assert.Equal("ibja-am", line.RateSource);
        Assert.Equal(RateTime, line.RateAsOf);
        Assert.Equal(916, line.Fineness);
    }

    [Fact]
    public void Price_22K916RingAcrossStates_ChargesIgst()
    {
        var line = _pricer.Price(Ring22K(), "KA");

        Assert.Equal(new TaxSplit(0m, 0m, 2_085.00m), line.Tax);  // 3% of 69,500.00
        Assert.Equal(71_585.00m, line.Total);
    }

    [Fact]
    public void Price_18K750PieceWithStonesPercentMakingAndWastage_KeepsComponentsApart()
    {
        var input = new PricingInput
        {
            Sku = "PD-18-0042",
            Description = "18K diamond pendant",
            Rate = Rate(Metal.Gold, 750, 5_320.00m),
            NetWeight = 4.250m,
            Making = new MakingCharge(MakingChargeMode.Percent, 12m),
            WastagePercent = 5m,
            StoneValue = 18_500.00m,
            OtherCharges = 45.00m,
            Hsn = "7113",
        };

        var line = _pricer.Price(input, "MH");

        Assert.Equal(22_610.00m, line.MetalValue);    // 4.250 g x 5,320.00
        Assert.Equal(1_130.50m, line.WastageValue);   // 5% of 4.250 g = 0.2125 g x 5,320.00
        Assert.Equal(2_713.20m, line.MakingCharge);   // 12% of 22,610.00
        Assert.Equal(18_500.00m, line.StoneValue);
        Assert.Equal(45.00m, line.OtherCharges);
        Assert.Equal(44_998.70m, line.Taxable);
        Assert.Equal(new TaxSplit(674.98m, 674.98m, 0m), line.Tax); // 1.5% of 44,998.70 = 674.9805
        Assert.Equal(46_348.66m, line.Total);
    }

    [Fact]
    public void Price_Silver925ArticleFlatMakingAcrossStates_RoundsToPaise()
    {
        var input = new PricingInput
        {
            Sku = "SL-925-PLATE",
            Description = "Silver 925 pooja plate",
            Rate = Rate(Metal.Silver, 925, 92.40m),
            NetWeight = 152.340m,
            Making = new MakingCharge(MakingChargeMode.Flat, 1_200m),
            Hsn = "7114",
        };

        var line = _pricer.Price(input, "GJ");

        Assert.Equal(14_076.22m, line.MetalValue);   // 152.340 g x 92.40 = 14,076.216
        Assert.Equal(1_200.00m, line.MakingCharge);
        Assert.Equal(15_276.22m, line.Taxable);
        Assert.Equal(new TaxSplit(0m, 0m, 458.29m), line.Tax); // 3% = 458.2866
        Assert.Equal(15_734.51m, line.Total);
    }

    [Fact]
    public void Price_FungibleCoinsQuantityThree_MultipliesWeightAndFlatMaking()
    {
        var input = new PricingInput
        {
            Sku = "COIN-24-10G",
            Description = "24K 10 g coin",
            Rate = Rate(Metal.Gold, 999, 7_100.00m),
            NetWeight = 10.000m,
            Quantity = 3,
            Making = new MakingCharge(MakingChargeMode.Flat, 250m),
            Hsn = "7114",
        };

        var line = _pricer.Price(input, "MH");

        Assert.Equal(30.000m, line.NetWeight);
        Assert.Equal(213_000.00m, line.MetalValue);   // 30 g x 7,100.00
        Assert.Equal(750.00m, line.MakingCharge);     // 3 x 250.00
        Assert.Equal(new TaxSplit(3_206.25m, 3_206.25m, 0m), line.Tax); // 1.5% of 213,750.00
    }

    [Fact]
    public void TaxRules_ConfiguredRateForLooseDiamonds_AppliesIt()
    {
        var rules = new TaxRules { HomeState = "MH" };

        Assert.Equal(new TaxSplit(0m, 0m, 250.00m), rules.Apply(100_000m, "7102", "DL")); // 0.25%
        Assert.Equal(3m, rules.RateFor("9999"));
    }

    private static PricingInput Ring22K() => new()
    {
        Sku = "RG-22-0001",
        Description = "22K916 plain band",
        Rate = Rate(Metal.Gold, 916, 6_500.00m),
        NetWeight = 10.000m,
        Making = new MakingCharge(MakingChargeMode.PerGram, 450m),
        Hsn = "7113",
    };

    private static MetalRate Rate(Metal metal, int fineness, decimal perGram) => new()
    {
        Metal = metal,
        Fineness = Fineness.Of(metal, fineness),
        PricePerGram = new Money(perGram, Currency.Inr),
        Source = "ibja-am",
        AsOf = RateTime,
    };
}
