using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Stores.Importing;

namespace JewelHub.Stores.Finance;

/// <summary>A finance.bills row as stored: amounts in minor units.</summary>
internal sealed record BillRow
{
    public required string Number { get; init; }
    public required string Series { get; init; }
    public required string FinancialYear { get; init; }
    public long Sequence { get; init; }
    public required string OrderId { get; init; }
    public string? CustomerId { get; init; }
    public required string Currency { get; init; }
    public long TaxableMinor { get; init; }
    public long CgstMinor { get; init; }
    public long SgstMinor { get; init; }
    public long IgstMinor { get; init; }
    public long TotalMinor { get; init; }
    public long PaidMinor { get; init; }
    public required string Status { get; init; }
    public required string PlaceOfSupply { get; init; }
    public DateTimeOffset IssuedAt { get; init; }

    public BillStatus BillStatus => Enum.Parse<BillStatus>(Status);

    public Bill ToBill(IEnumerable<BillLineRow> lines) => new()
    {
        Number = Number,
        Series = Series,
        FinancialYear = FinancialYear,
        Sequence = Sequence,
        OrderId = OrderId,
        CustomerId = CustomerId is null ? null : Guid.Parse(CustomerId),
        Currency = Currency,
        Lines = lines.Select(line => line.ToPricedLine(Currency)).ToList(),
        Tax = new TaxSplit(MinorUnits.ToAmount(CgstMinor), MinorUnits.ToAmount(SgstMinor), MinorUnits.ToAmount(IgstMinor)),
        Taxable = MinorUnits.ToAmount(TaxableMinor),
        Total = MinorUnits.ToAmount(TotalMinor),
        Paid = MinorUnits.ToAmount(PaidMinor),
        Status = BillStatus,
        IssuedAt = IssuedAt,
        PlaceOfSupply = PlaceOfSupply,
    };
}

/// <summary>A finance.bill_lines row: every price component apart, with the rate used, its source and as-of time.</summary>
internal sealed class BillLineRow
{
    public required string BillNumber { get; init; }
    public int LineNo { get; init; }
    public required string Sku { get; init; }
    public required string Description { get; init; }
    public required string Metal { get; init; }
    public int Fineness { get; init; }
    public int Quantity { get; init; }
    public long NetMg { get; init; }
    public long RatePerGramMinor { get; init; }
    public required string RateSource { get; init; }
    public DateTimeOffset RateAsOf { get; init; }
    public long MetalMinor { get; init; }
    public long WastageMinor { get; init; }
    public long MakingMinor { get; init; }
    public long StoneMinor { get; init; }
    public long OtherMinor { get; init; }
    public long TaxableMinor { get; init; }
    public required string Hsn { get; init; }
    public long CgstMinor { get; init; }
    public long SgstMinor { get; init; }
    public long IgstMinor { get; init; }
    public long TotalMinor { get; init; }
    public string? Attributes { get; init; }

    public static BillLineRow From(string billNumber, int lineNo, PricedLine line) => new()
    {
        BillNumber = billNumber,
        LineNo = lineNo,
        Sku = line.Sku,
        Description = line.Description,
        Metal = line.Metal,
        Fineness = line.Fineness,
        Quantity = line.Quantity,
        NetMg = MinorUnits.Milligrams(line.NetWeight),
        RatePerGramMinor = MinorUnits.Of(line.RatePerGram),
        RateSource = line.RateSource,
        RateAsOf = line.RateAsOf,
        MetalMinor = MinorUnits.Of(line.MetalValue),
        WastageMinor = MinorUnits.Of(line.WastageValue),
        MakingMinor = MinorUnits.Of(line.MakingCharge),
        StoneMinor = MinorUnits.Of(line.StoneValue),
        OtherMinor = MinorUnits.Of(line.OtherCharges),
        TaxableMinor = MinorUnits.Of(line.Taxable),
        Hsn = line.Hsn,
        CgstMinor = MinorUnits.Of(line.Tax.Cgst),
        SgstMinor = MinorUnits.Of(line.Tax.Sgst),
        IgstMinor = MinorUnits.Of(line.Tax.Igst),
        TotalMinor = MinorUnits.Of(line.Total),
    };

    public PricedLine ToPricedLine(string currency) => new()
    {
        Sku = Sku,
        Description = Description,
        Metal = Metal,
        Fineness = Fineness,
        Quantity = Quantity,
        NetWeight = MinorUnits.ToGrams(NetMg),
        RatePerGram = MinorUnits.ToAmount(RatePerGramMinor),
        RateSource = RateSource,
        RateAsOf = RateAsOf,
        MetalValue = MinorUnits.ToAmount(MetalMinor),
        WastageValue = MinorUnits.ToAmount(WastageMinor),
        MakingCharge = MinorUnits.ToAmount(MakingMinor),
        StoneValue = MinorUnits.ToAmount(StoneMinor),
        OtherCharges = MinorUnits.ToAmount(OtherMinor),
        Taxable = MinorUnits.ToAmount(TaxableMinor),
        Hsn = Hsn,
        Tax = new TaxSplit(MinorUnits.ToAmount(CgstMinor), MinorUnits.ToAmount(SgstMinor), MinorUnits.ToAmount(IgstMinor)),
        Total = MinorUnits.ToAmount(TotalMinor),
        Currency = currency,
        Attributes = Attributes is null ? null : RecordAttributes.Read(Attributes),
    };
}
