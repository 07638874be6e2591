using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Issues the order's tax invoice with the next gap-free number of its series, priced at the rates of the moment of
/// issue, and publishes bill.issued with it. One bill per order: a replay returns the bill already issued.
/// </summary>
[Activity("JewelHub", "Finance", "Issue the GST tax invoice for the order with the next bill number of the branch's series. The bill keeps the metal rates of the moment it is issued.",
    Outcomes = ["Done", "Unavailable", "Unpriceable", "Cancelled"], HasEffects = true)]
public sealed class IssueBill(BillOperations bills) : IActivity
{
    [Input(Description = "The order to bill.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    [Input(Description = "The bill series, e.g. MUM; empty uses the branch id in capitals.")] public Input<string?> Series { get; init; } = Input.Optional<string?>();

    [Output(Description = "The bill number, e.g. MUM/2026-27/000001.")] public Output<string> BillNumber { get; init; } = new();

    [Output(Description = "The bill total including GST, in rupees.")] public Output<decimal> Total { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var orderId = context.Get(OrderId);
        var issue = await bills.IssueAsync(context.Unit, orderId, HubData.Text(context.Get(Series)), BillEvents.WorkflowSource, cancellationToken);
        if (issue.Unavailable)
        {
            return Outcome.Port("Unavailable", issue.UnavailableSkus);
        }

        var result = issue.Bill;
        return result.Outcome switch
        {
            IssueBillOutcome.Issued or IssueBillOutcome.AlreadyIssued => Issued(context, result.BillNumber!, result.Total),
            IssueBillOutcome.OrderCancelled => Outcome.Port("Cancelled"),
            IssueBillOutcome.Unpriceable => Outcome.Port("Unpriceable", result.Problems),
            IssueBillOutcome.OrderNotFound => throw new InvalidOperationException($"Order {orderId} does not exist."),
            _ => throw new InvalidOperationException($"Order {orderId} could not be billed: {result.Outcome}."),
        };
    }

    private Outcome Issued(ActivityContext context, string number, decimal total)
    {
        context.Set(Total, total);
        return context.Done(BillNumber, number);
    }
}
