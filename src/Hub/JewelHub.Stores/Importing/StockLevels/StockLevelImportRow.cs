namespace JewelHub.Stores.Importing.StockLevels;

/// <summary>
/// One mapped, checked stock level of a legacy system: the item, the branch, the quantity on hand and, to define an item
/// the hub does not know yet, its metal, fineness and total weight in milligrams.
/// </summary>
public sealed record StockLevelImportRow(long RowNumber, string Sku, string Branch, int OnHand, long? WeightMg, string? Metal, int? Fineness)
{
    /// <summary>The row's unread columns as a JSON object of texts, kept on an item the row defines, or null.</summary>
    public string? Attributes { get; init; }
}
