using JewelHub.Canonical.Events;

namespace JewelHub.Connectors.Razorpay;

/// <summary>
/// Razorpay events to canonical events: payment.captured → payment.captured, refund.processed → payment.refunded;
/// other events are ignored. The payment's <c>notes</c> name the shop order it pays (<see cref="PaymentReferences"/>).
/// </summary>
internal static class RazorpayMap
{
    public static WebhookMapping Map(WebhookDelivery delivery)
    {
        if (delivery.Topic is not ("payment.captured" or "refund.processed"))
        {
            return new WebhookMapping.Ignored($"event '{delivery.Topic}' is not one the Razorpay connector acts on");
        }

        if (!VendorJson.TryRead<RazorpayEvent>(delivery.Body, out var body, out var failure))
        {
            return failure!;
        }

        return delivery.Topic == "payment.captured" ? Captured(body.Payload?.Payment?.Entity) : Refunded(body.Payload?.Refund?.Entity);
    }

    private static WebhookMapping Captured(RazorpayPayment? payment)
    {
        const string Path = "payload.payment.entity";
        if (payment?.Id is null || payment.Currency is null)
        {
            return WebhookMapping.Fail(Path, "must name the payment's id and currency");
        }

        if (PaymentReferences.OrderId(payment.Notes) is not { } orderId)
        {
            return WebhookMapping.Fail($"{Path}.notes", "names no shop order (order_id, shopify_order_id or woocommerce_order_id)");
        }

        var data = new PaymentCapturedData
        {
            PaymentId = $"razorpay-{payment.Id}",
            OrderId = orderId,
            Amount = MinorUnits.ToMajor(payment.Amount, payment.Currency),
            Currency = payment.Currency.ToUpperInvariant(),
            Method = "razorpay",
            ProviderReference = payment.Id,
            CapturedAt = payment.CreatedAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : null,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(RazorpayConnector.Id, $"payment-{payment.Id}", EventTypes.PaymentCaptured, orderId, data, data.CapturedAt)]);
    }

    private static WebhookMapping Refunded(RazorpayRefund? refund)
    {
        if (refund?.Id is null || refund.PaymentId is null || refund.Currency is null)
        {
            return WebhookMapping.Fail("payload.refund.entity", "must name the refund's id, payment_id and currency");
        }

        var data = new PaymentRefundedData
        {
            RefundId = $"razorpay-{refund.Id}",
            PaymentId = $"razorpay-{refund.PaymentId}",
            Amount = MinorUnits.ToMajor(refund.Amount, refund.Currency),
            Currency = refund.Currency.ToUpperInvariant(),
            Method = "razorpay",
            ProviderReference = refund.Id,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(RazorpayConnector.Id, $"refund-{refund.Id}", EventTypes.PaymentRefunded, data.PaymentId, data, null)]);
    }
}
