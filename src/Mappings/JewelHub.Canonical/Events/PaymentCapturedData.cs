using System.Text.Json.Serialization;

namespace JewelHub.Canonical.Events;

/// <summary>
/// The data of payment.captured: money received against a bill, or against an order not yet billed. At least one
/// of <see cref="BillNumber"/> and <see cref="OrderId"/> is present.
/// </summary>
public sealed record PaymentCapturedData
{
    /// <summary>The hub's payment id; recording the payment is idempotent on it.</summary>
    public required string PaymentId { get; init; }
    public string? BillNumber { get; init; }
    public string? OrderId { get; init; }
    /// <summary>The amount in the currency's major unit, written as a decimal string ("45230.50").</summary>
    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public decimal Amount { get; init; }
    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }
    /// <summary>cash, card, upi, bank-transfer, razorpay, stripe, ...</summary>
    public required string Method { get; init; }
    /// <summary>The gateway's or bank's id for the payment (Razorpay pay_..., UPI RRN), used to dedupe.</summary>
    public string? ProviderReference { get; init; }
    /// <summary>When the money was captured, which may be earlier than the event time.</summary>
    public DateTimeOffset? CapturedAt { get; init; }
}
