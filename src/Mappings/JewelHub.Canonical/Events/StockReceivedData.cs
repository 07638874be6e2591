using System.Text.Json.Serialization;
using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Events;

/// <summary>The data of stock.received: pieces and stock items received into a branch from a supplier or karigar.</summary>
public sealed record StockReceivedData
{
    /// <summary>The receipt (goods received note) id; receiving is idempotent on it.</summary>
    public required string ReceiptId { get; init; }
    public required string Branch { get; init; }
    /// <summary>The supplier or karigar.</summary>
    public required string Supplier { get; init; }
    /// <summary>The supplier's invoice or delivery challan number.</summary>
    public string? SupplierReference { get; init; }
    /// <summary>ISO 4217 code of the line costs.</summary>
    public string Currency { get; init; } = "INR";
    public required IReadOnlyList<StockReceivedLineData> Lines { get; init; }
}

/// <summary>What a stock line is: a one-of-a-kind tagged piece, or a fungible stock item counted by quantity.</summary>
public enum StockLineKind
{
    Piece,
    Item,
}

/// <summary>One received line. Weights are decimal strings in grams with three decimals; net weight at most gross.</summary>
public sealed record StockReceivedLineData
{
    public required string Sku { get; init; }
    [JsonRequired] public StockLineKind Kind { get; init; }
    /// <summary>ring, chain, bangle, coin, ...</summary>
    public required string Category { get; init; }
    /// <summary>1 for a piece; units for a stock item.</summary>
    [JsonRequired] public int Quantity { get; init; }
    [JsonRequired] public Metal Metal { get; init; }
    /// <summary>Parts per thousand, a hallmark grade of the metal (916 = 22K gold).</summary>
    [JsonRequired] public int Fineness { get; init; }
    /// <summary>Grams for the whole line (all units), three decimals.</summary>
    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal GrossWeight { get; init; }
    /// <summary>Grams of metal only (gross minus stones) for the whole line, three decimals.</summary>
    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal NetWeight { get; init; }
    /// <summary>The six-character hallmark id of a hallmarked piece.</summary>
    public string? Huid { get; init; }
    /// <summary>The cost of the whole line in the receipt's currency, a decimal string.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal? Cost { get; init; }
}
