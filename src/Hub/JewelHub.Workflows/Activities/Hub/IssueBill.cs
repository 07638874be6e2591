using JewelHub.Canonical.Entities;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Issues the order's tax invoice with the next gap-free number of its series, priced at the rates of the moment of
/// issue. One bill per order: a replay returns the bill already issued.
/// </summary>
[Activity("JewelHub", "Finance", "Issue the GST tax invoice for the order with the next bill number of the branch's series. The bill keeps the metal rates of the moment it is issued.",
    Outcomes = ["Done", "Unavailable", "Unpriceable", "Cancelled"], HasEffects = true)]
public sealed class IssueBill(OrderStore orders, OrderPricer pricer, BillStore bills, InventoryStore inventory, FinanceOptions options, TimeProvider clock) : IActivity
{
    [Input(Description = "The order to bill.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    [Input(Description = "The bill series, e.g. MUM; empty uses the branch id in capitals.")] public Input<string?> Series { get; init; } = Input.Optional<string?>();

    [Output(Description = "The bill number, e.g. MUM/2026-27/000001.")] public Output<string> BillNumber { get; init; } = new();

    [Output(Description = "The bill total including GST, in rupees.")] public Output<decimal> Total { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var order = await orders.GetOrderAsync(context.Get(OrderId), cancellationToken)
            ?? throw new InvalidOperationException($"Order {context.Get(OrderId)} does not exist.");
        if (await bills.GetBillForOrderAsync(order.Id, cancellationToken) is { } existing)
        {
            return Issued(context, existing);
        }

        if (order.Status == SalesOrderStatus.Cancelled)
        {
            return Outcome.Port("Cancelled");
        }

        // Billing needs the pieces still held for this order: a hold that expired is taken again, or refused.
        var now = clock.GetUtcNow();
        var held = await inventory.ReserveAsync(order.Id, order.Branch, order.Lines, now.AddMinutes(options.DefaultHoldMinutes), cancellationToken);
        if (!held.Succeeded)
        {
            return Outcome.Port("Unavailable", held.UnavailableSkus);
        }

        var pricing = await pricer.PriceAsync(order, cancellationToken);
        if (!pricing.Priced)
        {
            return Outcome.Port("Unpriceable", pricing.Problems);
        }

        var series = HubData.Text(context.Get(Series)) ?? order.Branch.ToUpperInvariant();
        var result = await bills.IssueBillAsync(order.Id, pricing.Lines, series, now, cancellationToken);
        return result.Outcome switch
        {
            IssueBillOutcome.Issued or IssueBillOutcome.AlreadyIssued => Issued(context, result.Bill!),
            IssueBillOutcome.OrderCancelled => Outcome.Port("Cancelled"),
            _ => throw new InvalidOperationException($"Order {order.Id} could not be billed: {result.Outcome}."),
        };
    }

    private Outcome Issued(ActivityContext context, Bill bill)
    {
        context.Set(Total, bill.Total);
        return context.Done(BillNumber, bill.Number);
    }
}
