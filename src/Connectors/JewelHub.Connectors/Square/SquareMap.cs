using JewelHub.Canonical.Events;

namespace JewelHub.Connectors.Square;

/// <summary>
/// Square events to canonical events: a payment once COMPLETED → payment.captured, a refund once COMPLETED →
/// payment.refunded. The order it pays is the payment's <c>reference_id</c> (the hub order id the till typed), else
/// <c>square-&lt;order_id&gt;</c>. customer.created and customer.updated report the customer. Square's order events
/// carry ids only, no lines, so they are ignored.
/// </summary>
internal static class SquareMap
{
    public static WebhookMapping Map(WebhookDelivery delivery)
    {
        if (delivery.Topic is "customer.created" or "customer.updated")
        {
            return Customer(delivery);
        }

        if (delivery.Topic is not ("payment.created" or "payment.updated" or "refund.created" or "refund.updated"))
        {
            return new WebhookMapping.Ignored($"event type '{delivery.Topic}' is not one the Square connector acts on");
        }

        if (!VendorJson.TryRead<SquareEvent>(delivery.Body, out var body, out var failure))
        {
            return failure!;
        }

        return delivery.Topic.StartsWith("payment", StringComparison.Ordinal)
            ? Captured(body.Data?.Object?.Payment)
            : Refunded(body.Data?.Object?.Refund);
    }

    private static WebhookMapping Captured(SquarePayment? payment)
    {
        if (payment is not { Id: not null, AmountMoney.Currency: not null })
        {
            return WebhookMapping.Fail("data.object.payment", "must name the payment's id and amount_money");
        }

        if (payment.Status != "COMPLETED")
        {
            return new WebhookMapping.Ignored($"payment {payment.Id} is {payment.Status}, not COMPLETED");
        }

        var orderId = payment.ReferenceId ?? (payment.OrderId is { } order ? $"square-{order}" : null);
        if (orderId is null)
        {
            return WebhookMapping.Fail("data.object.payment.reference_id", "names no order: set the hub order id as the payment's reference");
        }

        var data = new PaymentCapturedData
        {
            PaymentId = $"square-{payment.Id}",
            OrderId = orderId,
            Amount = MinorUnits.ToMajor(payment.AmountMoney.Amount, payment.AmountMoney.Currency),
            Currency = payment.AmountMoney.Currency.ToUpperInvariant(),
            Method = "card",
            ProviderReference = payment.Id,
            CapturedAt = payment.UpdatedAt,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(SquareConnector.Id, $"payment-{payment.Id}", EventTypes.PaymentCaptured, orderId, data, payment.UpdatedAt)]);
    }

    private static WebhookMapping Refunded(SquareRefund? refund)
    {
        if (refund is not { Id: not null, PaymentId: not null, AmountMoney.Currency: not null })
        {
            return WebhookMapping.Fail("data.object.refund", "must name the refund's id, payment_id and amount_money");
        }

        if (refund.Status != "COMPLETED")
        {
            return new WebhookMapping.Ignored($"refund {refund.Id} is {refund.Status}, not COMPLETED");
        }

        var data = new PaymentRefundedData
        {
            RefundId = $"square-{refund.Id}",
            PaymentId = $"square-{refund.PaymentId}",
            Amount = MinorUnits.ToMajor(refund.AmountMoney.Amount, refund.AmountMoney.Currency),
            Currency = refund.AmountMoney.Currency.ToUpperInvariant(),
            Method = "card",
            ProviderReference = refund.Id,
            Reason = refund.Reason,
        };
        return new WebhookMapping.Mapped([CanonicalEvents.Create(SquareConnector.Id, $"refund-{refund.Id}", EventTypes.PaymentRefunded, data.PaymentId, data, null)]);
    }

    private static WebhookMapping Customer(WebhookDelivery delivery)
    {
        if (!VendorJson.TryRead<SquareEvent>(delivery.Body, out var body, out var failure))
        {
            return failure!;
        }

        if (body.Data?.Object?.Customer is not { } customer)
        {
            return WebhookMapping.Fail("data.object.customer", "must be the customer");
        }

        // Square keeps only an opt-out: email_unsubscribed true is a refusal; false says nothing the customer decided.
        var emailOptIn = customer.Preferences?.EmailUnsubscribed == true ? false : (bool?)null;
        return WebCustomers.Reported(SquareConnector.Id, customer.Id, $"{customer.GivenName} {customer.FamilyName}", customer.PhoneNumber,
            customer.EmailAddress, null, emailOptIn, customer.UpdatedAt, delivery, "data.object.customer.id");
    }
}
