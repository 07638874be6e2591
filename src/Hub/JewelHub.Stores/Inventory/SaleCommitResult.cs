namespace JewelHub.Stores.Inventory;

/// <summary>The answer to committing an order's reservation as a sale.</summary>
public enum SaleCommitOutcome
{
    /// <summary>This call sold the reserved lines.</summary>
    Committed,
    /// <summary>The order was already sold; nothing changed.</summary>
    AlreadyCommitted,
    /// <summary>The order holds no reservation (never reserved, released or expired); nothing changed.</summary>
    NothingReserved,
}

/// <summary>The outcome and the order's sold lines.</summary>
public sealed record SaleCommitResult(SaleCommitOutcome Outcome, IReadOnlyList<ReservedLine> Lines);
