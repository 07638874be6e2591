using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;

namespace JewelHub.Stores.Finance;

/// <summary>
/// The events the hub publishes about its bills, bill.issued and bill.voided, for accounting systems and workflows.
/// Their ids come from the bill number, so each is in the log once however often it is published.
/// </summary>
public static class BillEvents
{
    /// <summary>The source of bill events published by a workflow's Issue Bill or Void Bill step.</summary>
    public const string WorkflowSource = "/hub/workflows";

    /// <summary>The source of bill events published by the bills API.</summary>
    public const string ApiSource = "/hub/api/bills";

    /// <summary>bill.issued for a bill just issued at <paramref name="branch"/>.</summary>
    public static CloudEvent Issued(Bill bill, string branch, string source) => new()
    {
        Id = "bill-" + IdPart(bill.Number),
        Source = source,
        Type = EventTypes.BillIssued,
        Time = bill.IssuedAt,
        Subject = bill.Number,
        Data = EventJson.ToElement(new BillIssuedData
        {
            BillNumber = bill.Number,
            Series = bill.Series,
            FinancialYear = bill.FinancialYear,
            OrderId = bill.OrderId,
            CustomerId = bill.CustomerId,
            Branch = branch,
            PlaceOfSupply = bill.PlaceOfSupply,
            Currency = bill.Currency,
            Lines = [.. bill.Lines.Select(line => new BillIssuedLine
            {
                Sku = line.Sku,
                Description = line.Description,
                Hsn = line.Hsn,
                Metal = line.Metal,
                Fineness = line.Fineness,
                Quantity = line.Quantity,
                NetWeight = decimal.Round(line.NetWeight, 3) + 0.000m,
                RatePerGram = Money(line.RatePerGram),
                RateSource = line.RateSource,
                RateAsOf = line.RateAsOf,
                MetalValue = Money(line.MetalValue),
                WastageValue = Money(line.WastageValue),
                MakingCharge = Money(line.MakingCharge),
                StoneValue = Money(line.StoneValue),
                OtherCharges = Money(line.OtherCharges),
                Taxable = Money(line.Taxable),
                Cgst = Money(line.Tax.Cgst),
                Sgst = Money(line.Tax.Sgst),
                Igst = Money(line.Tax.Igst),
                Total = Money(line.Total),
            })],
            Taxable = Money(bill.Taxable),
            Cgst = Money(bill.Tax.Cgst),
            Sgst = Money(bill.Tax.Sgst),
            Igst = Money(bill.Tax.Igst),
            Total = Money(bill.Total),
            IssuedAt = bill.IssuedAt,
        }),
    };

    /// <summary>bill.voided for a bill just voided.</summary>
    public static CloudEvent Voided(Bill bill, string reason, DateTimeOffset voidedAt, string source) => new()
    {
        Id = "void-" + IdPart(bill.Number),
        Source = source,
        Type = EventTypes.BillVoided,
        Time = voidedAt,
        Subject = bill.Number,
        Data = EventJson.ToElement(new BillVoidedData { BillNumber = bill.Number, OrderId = bill.OrderId, Reason = reason, VoidedAt = voidedAt }),
    };

    // Two decimals, as canonical money is written.
    private static decimal Money(decimal amount) => decimal.Round(amount, 2) + 0.00m;

    private static string IdPart(string number) => number.Replace('/', '-');
}
