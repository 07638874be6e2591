using System.Text.Json;

namespace JewelHub.Connectors.Razorpay;

/// <summary>The part of Razorpay's event payload the hub reads. Amounts are in paise (the currency's smallest unit).</summary>
internal sealed record RazorpayEvent
{
    public string? Event { get; init; }
    public RazorpayPayload? Payload { get; init; }
}

internal sealed record RazorpayPayload
{
    public RazorpayEntity<RazorpayPayment>? Payment { get; init; }
    public RazorpayEntity<RazorpayRefund>? Refund { get; init; }
}

internal sealed record RazorpayEntity<T>
{
    public T? Entity { get; init; }
}

internal sealed record RazorpayPayment
{
    public string? Id { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public string? Method { get; init; }
    public long? CreatedAt { get; init; }
    public JsonElement Notes { get; init; }
}

internal sealed record RazorpayRefund
{
    public string? Id { get; init; }
    public string? PaymentId { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public JsonElement Notes { get; init; }
}
