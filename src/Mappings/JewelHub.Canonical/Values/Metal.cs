namespace JewelHub.Canonical.Values;

/// <summary>The precious metal a piece or stock item is made of.</summary>
public enum Metal
{
    Gold,
    Silver,
    Platinum,
}
