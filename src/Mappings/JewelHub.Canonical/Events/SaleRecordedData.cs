using System.Text.Json.Serialization;
using JewelHub.Canonical.Entities;

namespace JewelHub.Canonical.Events;

/// <summary>The data of sale.recorded: a sales order taken at a branch or on a channel, before it is billed.</summary>
public sealed record SaleRecordedData
{
    /// <summary>The order id, unique per hub; the idempotency key of everything the sale causes.</summary>
    public required string OrderId { get; init; }
    /// <summary>The branch id that supplies the stock and whose bill series is used, e.g. "mumbai-1".</summary>
    public required string Branch { get; init; }
    /// <summary>The state code of the place of supply (MH, KA); decides CGST+SGST or IGST.</summary>
    public required string PlaceOfSupply { get; init; }
    /// <summary>Where the sale was taken: pos, web or phone.</summary>
    public string? Channel { get; init; }
    /// <summary>The customer as the recording system knows them; matched to a canonical customer by the hub.</summary>
    public SaleCustomerData? Customer { get; init; }
    public required IReadOnlyList<SaleLineData> Lines { get; init; }
    /// <summary>How long the stock stays reserved waiting for payment, in minutes; the hub's default when absent.</summary>
    public int? HoldMinutes { get; init; }
    /// <summary>ISO 4217 code of the order's currency.</summary>
    public string Currency { get; init; } = "INR";
}

/// <summary>The buyer of a sale as the recording system knows them.</summary>
public sealed record SaleCustomerData
{
    public required string Name { get; init; }
    /// <summary>E.164, e.g. +919876543210.</summary>
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>The ids the recording (and other) systems use for this customer.</summary>
    public IReadOnlyList<ExternalReference> References { get; init; } = [];
}

/// <summary>One line of a sale: a piece by SKU (quantity 1) or a quantity of a fungible stock item.</summary>
public sealed record SaleLineData
{
    public required string Sku { get; init; }
    [JsonRequired] public int Quantity { get; init; }
}
