using JewelHub.Canonical.Events;

namespace JewelHub.Connectors.Stripe;

/// <summary>
/// Stripe events to canonical events: payment_intent.succeeded and charge.succeeded → payment.captured (one event per
/// payment intent, whichever arrives first), refund.created / refund.updated once succeeded → payment.refunded. The
/// payment's <c>metadata</c> names the shop order it pays (<see cref="PaymentReferences"/>).
/// </summary>
internal static class StripeMap
{
    public static WebhookMapping Map(WebhookDelivery delivery)
    {
        if (delivery.Topic is not ("payment_intent.succeeded" or "charge.succeeded" or "refund.created" or "refund.updated"))
        {
            return new WebhookMapping.Ignored($"event type '{delivery.Topic}' is not one the Stripe connector acts on");
        }

        if (!VendorJson.TryRead<StripeEvent>(delivery.Body, out var body, out var failure))
        {
            return failure!;
        }

        if (body.Data?.Object is not { Id: not null, Currency: not null } item)
        {
            return WebhookMapping.Fail("data.object", "must name the object's id and currency");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(body.Created);
        return item.Object == "refund" ? Refunded(item) : Captured(item, time);
    }

    private static WebhookMapping Captured(StripeObject payment, DateTimeOffset time)
    {
        if (PaymentReferences.OrderId(payment.Metadata) is not { } orderId)
        {
            return WebhookMapping.Fail("data.object.metadata", "names no shop order (order_id, shopify_order_id or woocommerce_order_id)");
        }

        // A charge belongs to a payment intent; both events describe one payment and become one event.
        var intent = payment.Object == "charge" ? payment.PaymentIntent ?? payment.Id! : payment.Id!;
        var data = new PaymentCapturedData
        {
            PaymentId = $"stripe-{intent}",
            OrderId = orderId,
            Amount = MinorUnits.ToMajor(payment.AmountReceived ?? payment.Amount, payment.Currency!),
            Currency = payment.Currency!.ToUpperInvariant(),
            Method = "stripe",
            ProviderReference = intent,
            CapturedAt = time,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(StripeConnector.Id, $"payment-{intent}", EventTypes.PaymentCaptured, orderId, data, time)]);
    }

    private static WebhookMapping Refunded(StripeObject refund)
    {
        if (refund.Status != "succeeded")
        {
            return new WebhookMapping.Ignored($"refund {refund.Id} is {refund.Status}, not succeeded");
        }

        if (refund.PaymentIntent is null)
        {
            return WebhookMapping.Fail("data.object.payment_intent", "is required: a refund names the payment it gives back");
        }

        var data = new PaymentRefundedData
        {
            RefundId = $"stripe-{refund.Id}",
            PaymentId = $"stripe-{refund.PaymentIntent}",
            Amount = MinorUnits.ToMajor(refund.Amount, refund.Currency!),
            Currency = refund.Currency!.ToUpperInvariant(),
            Method = "stripe",
            ProviderReference = refund.Id,
            Reason = refund.Reason,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(StripeConnector.Id, $"refund-{refund.Id}", EventTypes.PaymentRefunded, data.PaymentId, data, null)]);
    }
}
