using JewelHub.Canonical.Entities;

namespace JewelHub.Canonical.Pricing;

/// <summary>What is priced on one bill line: the item's weights and charges, the quantity and the rate to use.</summary>
public sealed record PricingInput
{
    public required string Sku { get; init; }
    public required string Description { get; init; }
    public required MetalRate Rate { get; init; }
    public required decimal NetWeight { get; init; }
    public int Quantity { get; init; } = 1;
    public required MakingCharge Making { get; init; }
    public decimal WastagePercent { get; init; }
    public decimal StoneValue { get; init; }
    public decimal OtherCharges { get; init; }
    public required string Hsn { get; init; }
}

/// <summary>Prices bill lines: metal value, wastage, making, stones and other charges, then tax.</summary>
public sealed class LinePricer(TaxRules taxRules)
{
    /// <summary>Prices one line for a place of supply. Every component is rounded to paise before it is added.</summary>
    public PricedLine Price(PricingInput input, string placeOfSupply)
    {
        var rate = input.Rate.PricePerGram.Amount;
        var net = input.NetWeight * input.Quantity;
        var metal = TaxRules.Round(rate * net);
        var wastage = TaxRules.Round(rate * net * input.WastagePercent / 100m);
        var making = input.Making.Mode switch
        {
            MakingChargeMode.PerGram => TaxRules.Round(input.Making.Value * net),
            MakingChargeMode.Percent => TaxRules.Round(metal * input.Making.Value / 100m),
            MakingChargeMode.Flat => TaxRules.Round(input.Making.Value * input.Quantity),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Making.Mode, "Unknown making charge mode."),
        };
        var stones = TaxRules.Round(input.StoneValue * input.Quantity);
        var other = TaxRules.Round(input.OtherCharges * input.Quantity);
        var taxable = metal + wastage + making + stones + other;
        var tax = taxRules.Apply(taxable, input.Hsn, placeOfSupply);
        return new PricedLine
        {
            Sku = input.Sku,
            Description = input.Description,
            Metal = input.Rate.Metal.ToString(),
            Fineness = input.Rate.Fineness.PartsPerThousand,
            Quantity = input.Quantity,
            NetWeight = net,
            RatePerGram = rate,
            RateSource = input.Rate.Source,
            RateAsOf = input.Rate.AsOf,
            MetalValue = metal,
            WastageValue = wastage,
            MakingCharge = making,
            StoneValue = stones,
            OtherCharges = other,
            Taxable = taxable,
            Hsn = input.Hsn,
            Tax = tax,
            Total = taxable + tax.Total,
            Currency = input.Rate.PricePerGram.Currency.Code,
        };
    }
}
