using JewelHub.Stores.Inventory;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Corrects a branch's stock of an item (count, damage, melt) and books its value in the ledger, once per reference.</summary>
[Activity("JewelHub", "Inventory", "Correct the stock of an item at a branch after a count, damage or melting; the value of the change is booked in the ledger. Takes Rejected when the change is not possible.",
    Outcomes = ["Done", "Rejected"], HasEffects = true)]
public sealed class AdjustStock(StockOperations stock) : IActivity
{
    [Input(Description = "The SKU to adjust.", DefaultSyntax = "JavaScript")] public Input<string> Sku { get; init; } = Input.Required<string>();

    [Input(Description = "The branch.", DefaultSyntax = "JavaScript")] public Input<string> Branch { get; init; } = Input.Required<string>();

    [Input(Description = "Units to add (positive) or remove (negative).")] public Input<int> QuantityDelta { get; init; } = Input.Optional(0);

    [Input(Description = "Grams to add (positive) or remove (negative).")] public Input<decimal> WeightDelta { get; init; } = Input.Optional(0m);

    [Input(Description = "Your reference for the adjustment (count sheet number); empty uses this step's own key.", DefaultSyntax = "JavaScript")]
    public Input<string?> Reference { get; init; } = Input.Optional<string?>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var adjustment = new StockAdjustment
        {
            Reference = HubData.Text(context.Get(Reference)) ?? context.IdempotencyKey,
            Sku = context.Get(Sku),
            Branch = context.Get(Branch),
            QuantityDelta = context.Get(QuantityDelta),
            WeightDelta = context.Get(WeightDelta),
        };
        var result = await stock.AdjustAsync(context.Unit, adjustment, cancellationToken);
        return result.Outcome is AdjustmentOutcome.Adjusted or AdjustmentOutcome.AlreadyApplied
            ? Outcome.Done
            : Outcome.Port("Rejected", result.Reason ?? result.Outcome.ToString());
    }
}
