namespace JewelHub.Canonical.Pricing;

/// <summary>
/// Tax rates by HSN/SAC code and the shop's home state. Tax law is configuration, not code: the default is
/// India GST, 3% on jewellery (HSN 7113) and articles (7114), split CGST + SGST within the home state and
/// charged as IGST across states.
/// </summary>
public sealed class TaxRules
{
    /// <summary>The configuration section. </summary>
    public const string Section = "Tax";

    /// <summary>The state code where the shop is registered, e.g. MH. Default "MH".</summary>
    public string HomeState { get; set; } = "MH";

    /// <summary>Rate in percent per HSN/SAC code. Default 7113 and 7114 at 3%, 7102 (loose diamonds) at 0.25%.</summary>
    public Dictionary<string, decimal> RatesByHsn { get; set; } = new()
    {
        ["7113"] = 3m,
        ["7114"] = 3m,
        ["7102"] = 0.25m,
    };

    /// <summary>Rate in percent for codes not listed. Default 3.</summary>
    public decimal DefaultRate { get; set; } = 3m;

    /// <summary>The rate in percent for a code.</summary>
    public decimal RateFor(string hsn) => RatesByHsn.TryGetValue(hsn, out var rate) ? rate : DefaultRate;

    /// <summary>Tax on a taxable value, split by place of supply.</summary>
    public TaxSplit Apply(decimal taxable, string hsn, string placeOfSupply)
    {
        var rate = RateFor(hsn);
        if (string.Equals(placeOfSupply, HomeState, StringComparison.OrdinalIgnoreCase))
        {
            var half = Round(taxable * rate / 200m);
            return new TaxSplit(half, half, 0m);
        }

        return new TaxSplit(0m, 0m, Round(taxable * rate / 100m));
    }

    internal static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
