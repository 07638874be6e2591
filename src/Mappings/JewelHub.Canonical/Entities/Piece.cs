using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>A one-of-a-kind tagged piece (quantity 1). Invariant: net weight is at most gross weight.</summary>
public sealed record Piece
{
    public required Sku Sku { get; init; }
    public required string Category { get; init; }
    public required Metal Metal { get; init; }
    public required Fineness Fineness { get; init; }
    public required Grams GrossWeight { get; init; }
    public required Grams NetWeight { get; init; }
    public IReadOnlyList<Stone> Stones { get; init; } = [];
    public required MakingCharge Making { get; init; }
    /// <summary>Wastage as a percentage of net weight, charged at the metal rate.</summary>
    public decimal WastagePercent { get; init; }
    /// <summary>Hallmark and other per-piece charges.</summary>
    public decimal OtherCharges { get; init; }
    public Huid? Huid { get; init; }
    public required string Branch { get; init; }
    public PieceStatus Status { get; init; } = PieceStatus.Available;
    /// <summary>Harmonised System code used for tax (7113 jewellery, 7114 articles).</summary>
    public string Hsn { get; init; } = "7113";
    /// <summary>What an old system knew that has no field of its own (its column name -> the text it held), kept by a migration.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
