namespace JewelHub.Canonical.Entities;

/// <summary>Whether money came in or went back.</summary>
public enum PaymentKind
{
    Payment,
    Refund,
}

/// <summary>A payment against a bill (partial or full) or a refund of one.</summary>
public sealed record Payment
{
    public required string Id { get; init; }
    public required string BillNumber { get; init; }
    public required PaymentKind Kind { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    /// <summary>cash, card, upi, bank-transfer, razorpay, stripe.</summary>
    public required string Method { get; init; }
    /// <summary>The provider's id for the payment, used to dedupe retries.</summary>
    public string? ProviderReference { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>For a refund: the payment on the same bill whose money it gives back. Null for a payment.</summary>
    public string? RefundOf { get; init; }
}
