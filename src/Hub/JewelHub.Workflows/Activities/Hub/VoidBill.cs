using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Voids a bill without money on it and publishes bill.voided; its number stays used for ever so the series has no gaps.
/// The order's hold is let go, and what it sold comes back into stock (a bill refunded in full). Voiding twice changes
/// nothing.
/// </summary>
[Activity("JewelHub", "Finance", "Cancel an unpaid bill. The bill number stays on record as voided. A bill with money received takes Has Payments: refund first.",
    Outcomes = ["Done", "HasPayments"], HasEffects = true)]
public sealed class VoidBill(BillOperations bills) : IActivity
{
    [Input(Description = "The bill number.", DefaultSyntax = "JavaScript")] public Input<string> BillNumber { get; init; } = Input.Required<string>();

    [Input(Description = "Why the bill is voided, e.g. \"payment not received in time\".")] public Input<string> Reason { get; init; } = Input.Optional("voided by workflow");

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var reason = context.Get(Reason) ?? "voided by workflow";
        var result = await bills.VoidAsync(context.Unit, context.Get(BillNumber), reason, BillEvents.WorkflowSource, cancellationToken);

        return result.Outcome switch
        {
            VoidBillOutcome.Voided or VoidBillOutcome.AlreadyVoided => Outcome.Done,
            VoidBillOutcome.HasPayments => Outcome.Port("HasPayments"),
            _ => throw new InvalidOperationException($"Bill {context.Get(BillNumber)} does not exist."),
        };
    }
}
