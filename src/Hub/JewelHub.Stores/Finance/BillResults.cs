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
}

/// <summary>The outcome of issuing a bill and the bill, when there is one.</summary>
public sealed record IssueBillResult(IssueBillOutcome Outcome, Bill? Bill);

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
public sealed record VoidBillResult(VoidBillOutcome Outcome, Bill? Bill);
