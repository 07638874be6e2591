using JewelHub.Stores.Finance;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Voids an unpaid bill; its number stays used for ever so the series has no gaps. Voiding twice changes nothing.</summary>
[Activity("JewelHub", "Finance", "Cancel an unpaid bill. The bill number stays on record as voided. A bill with money received takes Has Payments: refund first.",
    Outcomes = ["Done", "HasPayments"], HasEffects = true)]
public sealed class VoidBill(BillStore bills) : IActivity
{
    [Input(Description = "The bill number.", DefaultSyntax = "JavaScript")] public Input<string> BillNumber { get; init; } = Input.Required<string>();

    [Input(Description = "Why the bill is voided, e.g. \"payment not received in time\".")] public Input<string> Reason { get; init; } = Input.Optional("voided by workflow");

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await bills.VoidBillAsync(context.Get(BillNumber), context.Get(Reason) ?? "voided by workflow", cancellationToken);
        return result.Outcome switch
        {
            VoidBillOutcome.Voided or VoidBillOutcome.AlreadyVoided => Outcome.Done,
            VoidBillOutcome.HasPayments => Outcome.Port("HasPayments"),
            _ => throw new InvalidOperationException($"Bill {context.Get(BillNumber)} does not exist."),
        };
    }
}
