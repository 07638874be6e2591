namespace JewelHub.Canonical.Pricing;

/// <summary>GST on a line or bill: CGST and SGST within a state, IGST across states.</summary>
public sealed record TaxSplit(decimal Cgst, decimal Sgst, decimal Igst)
{
    /// <summary>No tax.</summary>
    public static TaxSplit None { get; } = new(0m, 0m, 0m);

    /// <summary>All tax components together.</summary>
    public decimal Total => Cgst + Sgst + Igst;

    /// <summary>The sum of two splits.</summary>
    public TaxSplit Plus(TaxSplit other) => new(Cgst + other.Cgst, Sgst + other.Sgst, Igst + other.Igst);
}
