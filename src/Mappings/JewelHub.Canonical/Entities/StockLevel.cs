using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>What a branch holds of one fungible item: quantity on hand, reserved and weight.</summary>
public sealed record StockLevel(Sku Sku, string Branch, int OnHand, int Reserved, Grams Weight)
{
    /// <summary>Units that can still be sold.</summary>
    public int Available => OnHand - Reserved;
}
