namespace JewelHub.Stores.Inventory;

/// <summary>What happened to a new piece: stored, or refused because its SKU or HUID is already in stock.</summary>
public enum CreatePieceResult
{
    Created,
    DuplicateSku,
    DuplicateHuid,
}
