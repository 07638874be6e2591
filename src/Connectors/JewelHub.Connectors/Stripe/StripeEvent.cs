using System.Text.Json;

namespace JewelHub.Connectors.Stripe;

/// <summary>The part of a Stripe event the hub reads. Amounts are in the currency's smallest unit (yen for JPY).</summary>
internal sealed record StripeEvent
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public long Created { get; init; }
    public StripeData? Data { get; init; }
}

internal sealed record StripeData
{
    public StripeObject? Object { get; init; }
}

/// <summary>A payment intent, a charge or a refund: the fields of the three the hub reads.</summary>
internal sealed record StripeObject
{
    public string? Id { get; init; }
    public string? Object { get; init; }
    public long Amount { get; init; }
    public long? AmountReceived { get; init; }
    public string? Currency { get; init; }
    public string? Status { get; init; }
    public string? PaymentIntent { get; init; }
    public string? Reason { get; init; }
    public JsonElement Metadata { get; init; }
}
