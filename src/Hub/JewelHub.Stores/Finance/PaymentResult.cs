using JewelHub.Canonical.Entities;

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
}

/// <summary>The outcome of recording a payment, the payment as stored and the bill after it.</summary>
public sealed record PaymentResult(PaymentOutcome Outcome, Payment? Payment, Bill? Bill);
