using JewelHub.Canonical.Entities;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Finance;

/// <summary>What recording a payment or refund did.</summary>
public enum PaymentOutcome
{
    Recorded,
    /// <summary>A payment with this id was recorded before; it is returned unchanged.</summary>
    AlreadyRecorded,
    /// <summary>The provider's reference was recorded before under another payment id.</summary>
    DuplicateProviderReference,
    BillNotFound,
    BillVoided,
    CurrencyMismatch,
    /// <summary>A payment larger than what is still owed on the bill.</summary>
    ExceedsOutstanding,
    /// <summary>A refund larger than what was paid.</summary>
    ExceedsPaid,
    /// <summary>A refund whose <see cref="Payment.RefundOf"/> is not a payment (not a refund) on the same bill.</summary>
    RefundOfNotFound,
    /// <summary>A refund larger than what is left of the payment it names after its earlier refunds.</summary>
    ExceedsRefundable,
}

/// <summary>The outcome of recording a payment, the payment as stored and the bill after it.</summary>
public sealed record PaymentResult(PaymentOutcome Outcome, Payment? Payment, Bill? Bill)
{
    /// <summary>
    /// What inventory did when this payment settled the bill (null when it did not): Committed, or NothingReserved
    /// when the order's hold had gone, which needs a person to look at it.
    /// </summary>
    public SaleCommitOutcome? Sale { get; init; }
}
