using JewelHub.Canonical.Pricing;

namespace JewelHub.Canonical.Entities;

/// <summary>Where a bill is in its life.</summary>
public enum BillStatus
{
    Issued,
    PartiallyPaid,
    Paid,
    Voided,
}

/// <summary>
/// A tax invoice. Its number is consecutive and unique within its series (branch) and financial year,
/// e.g. MUM/2026-27/000042.
/// </summary>
public sealed record Bill
{
    public required string Number { get; init; }
    public required string Series { get; init; }
    /// <summary>The Indian financial year, April to March, as "2026-27".</summary>
    public required string FinancialYear { get; init; }
    public required long Sequence { get; init; }
    public required string OrderId { get; init; }
    public Guid? CustomerId { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<PricedLine> Lines { get; init; }
    public required TaxSplit Tax { get; init; }
    public required decimal Taxable { get; init; }
    public required decimal Total { get; init; }
    public required decimal Paid { get; init; }
    public required BillStatus Status { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>The state code of the place of supply that decided CGST+SGST or IGST, e.g. MH.</summary>
    public string? PlaceOfSupply { get; init; }
}
