using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Inventory;

/// <summary>What a branch holds: its pieces that are not sold and its levels of fungible items.</summary>
public sealed record BranchStock(string Branch, IReadOnlyList<Piece> Pieces, IReadOnlyList<StockLevel> Items);

/// <summary>A category at a branch whose available quantity is under its threshold.</summary>
public sealed record LowStockLine
{
    public required string Category { get; init; }
    public required string Branch { get; init; }
    public required int MinQuantity { get; init; }
    public required long Available { get; init; }
}

/// <summary>
/// A low category found by a check, with the id of its current crossing below the threshold. <see cref="Raised"/> is
/// true for the one check that saw it cross (and for a replay of that check): that check publishes the alert, with
/// <see cref="AlertId"/> as the event id.
/// </summary>
public sealed record LowStockAlert(LowStockLine Line, string AlertId, bool Raised);
