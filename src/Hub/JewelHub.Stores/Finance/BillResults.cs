using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Finance;

/// <summary>What issuing a bill for an order did.</summary>
public enum IssueBillOutcome
{
    /// <summary>A new bill was issued with the next number of its series.</summary>
    Issued,
    /// <summary>The order already had a bill; it is returned unchanged.</summary>
    AlreadyIssued,
    OrderNotFound,
    /// <summary>The order was cancelled (released or its bill voided); it cannot be billed.</summary>
    OrderCancelled,
    /// <summary>Issuing at current rates: the order holds none of its pieces; nothing was written.</summary>
    NotHeld,
    /// <summary>Issuing at current rates: a line has no piece, stock item or current rate; nothing was written.</summary>
    Unpriceable,
}

/// <summary>The outcome of issuing a bill and the bill, when there is one.</summary>
public sealed record IssueBillResult(IssueBillOutcome Outcome, Bill? Bill);

/// <summary>What issuing an order's bill at current rates did: the bill's number and total, or why there is none.</summary>
public sealed record OrderBillResult(IssueBillOutcome Outcome)
{
    /// <summary>The order as read under its lock; null when not found.</summary>
    public SalesOrder? Order { get; init; }

    /// <summary>The bill's number when it was issued now or before.</summary>
    public string? BillNumber { get; init; }

    /// <summary>The bill's total including GST when it was issued now or before.</summary>
    public decimal Total { get; init; }

    /// <summary>The bill with its lines, on Issued (when it was issued now).</summary>
    public Bill? Bill { get; init; }

    /// <summary>What stopped pricing, on Unpriceable.</summary>
    public IReadOnlyList<PricingProblem> Problems { get; init; } = [];
}

/// <summary>What voiding a bill did.</summary>
public enum VoidBillOutcome
{
    Voided,
    AlreadyVoided,
    NotFound,
    /// <summary>Money was received against the bill; refund it before voiding.</summary>
    HasPayments,
}

/// <summary>The outcome of voiding a bill and the bill, when there is one.</summary>
public sealed record VoidBillResult(VoidBillOutcome Outcome, Bill? Bill)
{
    /// <summary>When the bill was voided, on Voided.</summary>
    public DateTimeOffset? VoidedAt { get; init; }
}
