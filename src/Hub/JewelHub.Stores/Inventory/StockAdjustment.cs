using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Inventory;

/// <summary>
/// A correction found by a stock count or a re-weighing. Fungible items change by quantity (the weight follows from
/// the unit weight); a piece changes only its net weight. The reference is the caller's key: the same reference for
/// the same SKU and branch is applied once.
/// </summary>
public sealed record StockAdjustment
{
    public required string Reference { get; init; }
    public required string Sku { get; init; }
    public required string Branch { get; init; }
    public int QuantityDelta { get; init; }
    /// <summary>Grams, signed, three decimals; for pieces only.</summary>
    public decimal WeightDelta { get; init; }
}

/// <summary>What an applied adjustment changed: everything finance needs to value and post it.</summary>
public sealed record StockAdjusted
{
    public required long MovementId { get; init; }
    public required string Reference { get; init; }
    public required string Sku { get; init; }
    public required string Branch { get; init; }
    public required Metal Metal { get; init; }
    public required Fineness Fineness { get; init; }
    public required int QuantityDelta { get; init; }
    /// <summary>Net (metal) weight change in grams, signed.</summary>
    public required decimal WeightDelta { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>The answer to an adjustment.</summary>
public enum AdjustmentOutcome
{
    Adjusted,
    /// <summary>The same reference was already applied to this SKU and branch; the first result is returned.</summary>
    AlreadyApplied,
    UnknownSku,
    /// <summary>The quantity would fall below what is reserved (or below zero).</summary>
    Insufficient,
    /// <summary>The change does not fit the SKU: a quantity for a piece, a weight for an item, net beyond gross.</summary>
    NotAllowed,
}

/// <summary>The outcome, and what was (or had already been) adjusted.</summary>
public sealed record AdjustmentResult(AdjustmentOutcome Outcome, StockAdjusted? Adjusted = null, string? Reason = null);
