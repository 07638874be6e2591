using JewelHub.Stores.Finance;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Checks the books for a sale. Issuing a bill and recording a payment already post their entries in the same
/// transaction, so this never posts: it confirms the bill's and payment's postings exist and balance.
/// </summary>
[Activity("JewelHub", "Finance", "Check that the bill and its payment are in the books and that debits equal credits. Takes Missing when an entry is absent or unbalanced.",
    Outcomes = ["Done", "Missing"])]
public sealed class PostLedgerEntries(LedgerStore ledger) : IActivity
{
    [Input(Description = "The bill number.", DefaultSyntax = "JavaScript")] public Input<string> BillNumber { get; init; } = Input.Required<string>();

    [Input(Description = "The payment id; empty checks the bill only.", DefaultSyntax = "JavaScript")] public Input<string?> PaymentId { get; init; } = Input.Optional<string?>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        List<string> references = [$"bill:{context.Get(BillNumber)}"];
        if (HubData.Text(context.Get(PaymentId)) is { } paymentId)
        {
            references.Add($"payment:{paymentId}");
        }

        var postings = await ledger.PostingsAsync(context.Unit, references, cancellationToken);
        foreach (var reference in references)
        {
            var entries = postings[reference];
            if (entries.Count == 0 || entries.GroupBy(e => e.Currency).Any(g => g.Sum(e => e.Debit) != g.Sum(e => e.Credit)))
            {
                return Outcome.Port("Missing", reference);
            }
        }

        return Outcome.Done;
    }
}
