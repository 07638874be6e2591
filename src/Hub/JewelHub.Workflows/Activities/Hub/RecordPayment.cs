using System.Text.Json.Nodes;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Records a captured payment against a bill, idempotent by payment id. A payment that settles the bill marks it Paid
/// and, in the same transaction, sells the held pieces and posts the ledger.
/// </summary>
[Activity("JewelHub", "Finance", "Record the customer's payment against the bill. When the bill is paid in full its pieces are marked sold and the books are updated in one step.",
    Outcomes = ["Done", "Partial", "Rejected"], HasEffects = true)]
public sealed class RecordPayment(PaymentOperations payments, TimeProvider clock) : IActivity
{
    [Input(Description = "The payment.captured data (payment id, amount, currency, method). Empty: the data of the triggering event.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Payment { get; init; } = Input.Optional<JsonNode?>();

    [Input(Description = "The bill the payment is for; empty uses the bill number in the payment.", DefaultSyntax = "JavaScript")]
    public Input<string?> BillNumber { get; init; } = Input.Optional<string?>();

    [Output(Description = "The payment id.")] public Output<string> PaymentId { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var data = HubData.Read<PaymentCapturedData>(context, Payment);
        var billNumber = HubData.Text(context.Get(BillNumber)) ?? data.BillNumber
            ?? throw new InvalidOperationException($"Payment {data.PaymentId} names no bill.");
        context.Set(PaymentId, data.PaymentId);
        var result = await payments.RecordAsync(context.Unit, new Payment
        {
            Id = data.PaymentId,
            BillNumber = billNumber,
            Kind = PaymentKind.Payment,
            Amount = data.Amount,
            Currency = data.Currency,
            Method = data.Method,
            ProviderReference = data.ProviderReference,
            At = data.CapturedAt ?? clock.GetUtcNow(),
        }, reason: null, PaymentOrigin.CapturedEvent, BillEvents.WorkflowSource, cancellationToken);
        return result.Outcome switch
        {
            PaymentOutcome.Recorded or PaymentOutcome.AlreadyRecorded =>
                result.Bill?.Status == BillStatus.Paid ? Outcome.Done : Outcome.Port("Partial", result.Bill?.Paid),
            _ => Outcome.Port("Rejected", result.Outcome.ToString()),
        };
    }
}
