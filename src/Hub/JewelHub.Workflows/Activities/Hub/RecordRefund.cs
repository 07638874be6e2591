using System.Text.Json.Nodes;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Gives money back against an earlier payment on a bill and publishes payment.refunded, idempotent by refund id: the
/// same operation as a refund posted to the payments API. Never more than is left of that payment.
/// </summary>
[Activity("JewelHub", "Finance", "Give money back to the customer against an earlier payment on the bill. The bill's paid amount and the books go down by the refund.",
    Outcomes = ["Done", "Rejected"], HasEffects = true)]
public sealed class RecordRefund(PaymentOperations payments, TimeProvider clock) : IActivity
{
    [Input(Description = "The refund (refund id, payment id, bill number, amount, currency, method, reason) as payment.refunded carries it.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Refund { get; init; } = Input.Required<JsonNode?>();

    [Input(Description = "The bill the refund is against; empty uses the bill number in the refund.", DefaultSyntax = "JavaScript")]
    public Input<string?> BillNumber { get; init; } = Input.Optional<string?>();

    [Output(Description = "The refund id.")] public Output<string> RefundId { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var data = HubData.Read<PaymentRefundedData>(context, Refund);
        context.Set(RefundId, data.RefundId);
        var result = await payments.RecordAsync(context.Unit, new Payment
        {
            Id = data.RefundId,
            BillNumber = HubData.Text(context.Get(BillNumber)) ?? data.BillNumber ?? throw new InvalidOperationException($"Refund {data.RefundId} names no bill."),
            Kind = PaymentKind.Refund,
            Amount = data.Amount,
            Currency = data.Currency,
            Method = data.Method,
            ProviderReference = data.ProviderReference,
            At = clock.GetUtcNow(),
            RefundOf = data.PaymentId,
        }, data.Reason, PaymentOrigin.Counter, BillEvents.WorkflowSource, cancellationToken);
        return result.Outcome is PaymentOutcome.Recorded or PaymentOutcome.AlreadyRecorded
            ? Outcome.Done
            : Outcome.Port("Rejected", result.Outcome.ToString());
    }
}
