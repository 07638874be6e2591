using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Finance;

namespace JewelHub.Stores.Operations;

/// <summary>
/// Recording payments and refunds: the one implementation the payments API and the Record Payment and Record Refund
/// steps share. A refund always publishes payment.refunded; a payment publishes payment.captured unless it arrived as a
/// payment.captured event itself (a gateway's, which is already in the log).
/// </summary>
public sealed class PaymentOperations(PaymentStore payments, EventStore events)
{
    /// <summary>
    /// Records the payment or refund in <paramref name="unit"/> (<see cref="PaymentStore.RecordPaymentAsync"/>) and,
    /// when it is new, publishes its event from <paramref name="source"/> in the same unit. <paramref name="reason"/> says
    /// why money goes back (refunds only).
    /// </summary>
    public async Task<PaymentResult> RecordAsync(
        UnitOfWork unit, Payment payment, string? reason, PaymentOrigin origin, string source, CancellationToken cancellationToken)
    {
        var recorded = await payments.RecordPaymentAsync(unit, payment, cancellationToken);
        if (recorded is { Outcome: PaymentOutcome.Recorded, Payment: { } stored, Bill: { } bill })
        {
            if (stored.Kind == PaymentKind.Refund)
            {
                events.Publish(unit, RefundedEvent(stored, reason, source));
            }
            else if (origin == PaymentOrigin.Counter)
            {
                events.Publish(unit, CapturedEvent(stored, bill, source));
            }
        }

        return recorded;
    }

    /// <summary>
    /// The payment.captured event of a payment recorded by the hub. Its id is derived from the payment id, so the event
    /// log holds it once however often the payment is posted.
    /// </summary>
    private static CloudEvent CapturedEvent(Payment payment, Bill bill, string source) => new()
    {
        Id = "payment-" + payment.Id,
        Source = source,
        Type = EventTypes.PaymentCaptured,
        Time = payment.At,
        Subject = payment.Id,
        Data = EventJson.ToElement(new PaymentCapturedData
        {
            PaymentId = payment.Id,
            BillNumber = bill.Number,
            OrderId = bill.OrderId,
            Amount = payment.Amount + 0.00m, // two decimals, as canonical money is written
            Currency = payment.Currency,
            Method = payment.Method,
            ProviderReference = payment.ProviderReference,
            CapturedAt = payment.At,
        }),
    };

    private static CloudEvent RefundedEvent(Payment refund, string? reason, string source) => new()
    {
        Id = "refund-" + refund.Id,
        Source = source,
        Type = EventTypes.PaymentRefunded,
        Time = refund.At,
        Subject = refund.Id,
        Data = EventJson.ToElement(new PaymentRefundedData
        {
            RefundId = refund.Id,
            PaymentId = refund.RefundOf!,
            BillNumber = refund.BillNumber,
            Amount = refund.Amount + 0.00m,
            Currency = refund.Currency,
            Method = refund.Method,
            ProviderReference = refund.ProviderReference,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        }),
    };
}

/// <summary>Where a payment comes from, and so whether recording it announces it.</summary>
public enum PaymentOrigin
{
    /// <summary>Taken at the counter or told to the hub's API: recording it publishes payment.captured.</summary>
    Counter,

    /// <summary>Arrived as a payment.captured event (a gateway's): the event is in the log already, nothing more is published.</summary>
    CapturedEvent,
}
