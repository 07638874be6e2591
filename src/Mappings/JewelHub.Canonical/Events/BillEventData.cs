using System.Text.Json.Serialization;

namespace JewelHub.Canonical.Events;

/// <summary>
/// The data of bill.issued: the tax invoice as issued, with each line's price components and the metal rate it used,
/// so that an accounting system can book it and a later credit note can price at the same rate. Money and weights are
/// written as decimal strings ("34048.00", "5.120").
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed record BillIssuedData
{
    public required string BillNumber { get; init; }
    public required string Series { get; init; }
    public required string FinancialYear { get; init; }
    public required string OrderId { get; init; }
    public Guid? CustomerId { get; init; }
    public required string Branch { get; init; }
    public string? PlaceOfSupply { get; init; }
    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }
    public required IReadOnlyList<BillIssuedLine> Lines { get; init; }
    public decimal Taxable { get; init; }
    public decimal Cgst { get; init; }
    public decimal Sgst { get; init; }
    public decimal Igst { get; init; }
    public decimal Total { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
}

/// <summary>One line of a bill.issued: what was sold and every part of its price.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed record BillIssuedLine
{
    public required string Sku { get; init; }
    public required string Description { get; init; }
    /// <summary>7113 jewellery, 7114 articles of precious metal.</summary>
    public required string Hsn { get; init; }
    public required string Metal { get; init; }
    [JsonNumberHandling(JsonNumberHandling.Strict)] public int Fineness { get; init; }
    [JsonNumberHandling(JsonNumberHandling.Strict)] public int Quantity { get; init; }
    /// <summary>Grams, three decimals.</summary>
    public decimal NetWeight { get; init; }
    public decimal RatePerGram { get; init; }
    public required string RateSource { get; init; }
    public required DateTimeOffset RateAsOf { get; init; }
    public decimal MetalValue { get; init; }
    public decimal WastageValue { get; init; }
    public decimal MakingCharge { get; init; }
    public decimal StoneValue { get; init; }
    public decimal OtherCharges { get; init; }
    public decimal Taxable { get; init; }
    public decimal Cgst { get; init; }
    public decimal Sgst { get; init; }
    public decimal Igst { get; init; }
    public decimal Total { get; init; }
}

/// <summary>The data of bill.voided: a bill cancelled; its number stays used and its posting is reversed.</summary>
public sealed record BillVoidedData
{
    public required string BillNumber { get; init; }
    public required string OrderId { get; init; }
    /// <summary>Why, as the operator or the workflow gave it.</summary>
    public required string Reason { get; init; }
    /// <summary>The user or system that voided it, when known.</summary>
    public string? VoidedBy { get; init; }
    public required DateTimeOffset VoidedAt { get; init; }
}
