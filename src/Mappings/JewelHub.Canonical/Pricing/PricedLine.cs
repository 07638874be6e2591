namespace JewelHub.Canonical.Pricing;

/// <summary>
/// A bill line with every price component kept apart, because finance (revenue, tax), inventory (metal)
/// and the customer (transparency) each need different parts. The rate, its source and time are kept so a
/// replay or credit note prices at the historical rate.
/// </summary>
public sealed record PricedLine
{
    public required string Sku { get; init; }
    public required string Description { get; init; }
    public required string Metal { get; init; }
    public required int Fineness { get; init; }
    public required int Quantity { get; init; }
    public required decimal NetWeight { get; init; }
    public required decimal RatePerGram { get; init; }
    public required string RateSource { get; init; }
    public required DateTimeOffset RateAsOf { get; init; }
    public required decimal MetalValue { get; init; }
    public required decimal WastageValue { get; init; }
    public required decimal MakingCharge { get; init; }
    public required decimal StoneValue { get; init; }
    public required decimal OtherCharges { get; init; }
    public required decimal Taxable { get; init; }
    public required string Hsn { get; init; }
    public required TaxSplit Tax { get; init; }
    public required decimal Total { get; init; }
    /// <summary>The ISO 4217 code of every amount on the line (the rate's currency). Default "INR".</summary>
    public string Currency { get; init; } = "INR";
    /// <summary>
    /// On a bill migrated from an old system: what its line knew that has no field of its own (column name -> text);
    /// null (and not written) otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
