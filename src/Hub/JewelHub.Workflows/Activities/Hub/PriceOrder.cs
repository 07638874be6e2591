using JewelHub.Stores.Finance;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Prices an order at today's metal rates (metal, wastage, making, stones, GST) without billing it.</summary>
[Activity("JewelHub", "Finance", "Work out what the order costs at today's metal rates, with wastage, making charges, stones and GST. Takes Unpriceable when a rate or piece is missing.",
    Outcomes = ["Done", "Unpriceable"])]
public sealed class PriceOrder(OrderStore orders, OrderPricer pricer) : IActivity
{
    [Input(Description = "The order to price.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    [Output(Description = "The order total including GST, in rupees.")] public Output<decimal> Total { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var snapshot = await orders.GetForPricingAsync(context.Unit, context.Get(OrderId), cancellationToken)
            ?? throw new InvalidOperationException($"Order {context.Get(OrderId)} does not exist.");
        var pricing = pricer.Price(snapshot);
        if (!pricing.Priced)
        {
            return Outcome.Port("Unpriceable", pricing.Problems);
        }

        return context.Done(Total, pricing.Lines.Sum(line => line.Total));
    }
}
