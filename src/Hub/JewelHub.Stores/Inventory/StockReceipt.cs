using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Inventory;

/// <summary>A quantity of a fungible stock item received.</summary>
public sealed record ReceiptLine(string Sku, int Quantity);

/// <summary>
/// Goods received into a branch under one reference (goods receipt note, supplier or karigar invoice): new pieces and
/// quantities of stock items. The reference makes the receipt happen once.
/// </summary>
public sealed record StockReceipt
{
    public required string Reference { get; init; }
    public required string Branch { get; init; }
    public IReadOnlyList<Piece> Pieces { get; init; } = [];
    public IReadOnlyList<ReceiptLine> Items { get; init; } = [];
}

/// <summary>What happened to a receipt.</summary>
public enum ReceiptOutcome
{
    Received,
    /// <summary>A receipt with this reference was already recorded; nothing changed.</summary>
    AlreadyReceived,
    DuplicateSku,
    DuplicateHuid,
    /// <summary>An item line names a SKU that is not a defined stock item.</summary>
    UnknownItem,
    /// <summary>An item line is over the largest quantity of a line, or would hold more than the largest count at the branch.</summary>
    OverLimit,
}

/// <summary>The outcome, and for a refusal the SKU or HUID that caused it.</summary>
public sealed record ReceiptResult(ReceiptOutcome Outcome, string? Conflict = null);
