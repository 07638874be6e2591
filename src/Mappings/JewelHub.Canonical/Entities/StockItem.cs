using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>Fungible stock (coins, bullion, silver articles) counted by quantity and weight per branch.</summary>
public sealed record StockItem
{
    public required Sku Sku { get; init; }
    public required string Category { get; init; }
    public required Metal Metal { get; init; }
    public required Fineness Fineness { get; init; }
    /// <summary>Net weight of one unit.</summary>
    public required Grams UnitWeight { get; init; }
    public required MakingCharge Making { get; init; }
    public string Hsn { get; init; } = "7114";
    /// <summary>What an old system knew that has no field of its own (its column name -> the text it held), kept by a migration.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
