using System.Text.Json.Serialization;

namespace JewelHub.Canonical.Events;

/// <summary>The data of payment.refunded: money given back to the customer against an earlier payment.</summary>
public sealed record PaymentRefundedData
{
    /// <summary>The hub's id of the refund; recording it is idempotent on it.</summary>
    public required string RefundId { get; init; }
    /// <summary>The payment whose money goes back.</summary>
    public required string PaymentId { get; init; }
    /// <summary>The bill whose paid amount goes down.</summary>
    public string? BillNumber { get; init; }
    /// <summary>The amount in the currency's major unit, written as a decimal string ("3500.00").</summary>
    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal Amount { get; init; }
    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }
    /// <summary>How the money went back: cash, card, upi, razorpay, ...</summary>
    public required string Method { get; init; }
    /// <summary>The gateway's id for the refund (Razorpay rfnd_...), when there is one.</summary>
    public string? ProviderReference { get; init; }
    /// <summary>Why the money went back, as the shop gave it.</summary>
    public string? Reason { get; init; }
}
