using JewelHub.Stores.Inventory;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Marks an order's held pieces Sold and takes its stock items off the shelf, once.</summary>
[Activity("JewelHub", "Inventory", "Mark the order's held pieces as sold and take its stock items off the shelf. A full payment already does this; use it for sales settled outside JewelHub.",
    Outcomes = ["Done", "NothingReserved"], HasEffects = true)]
public sealed class CommitSale(InventoryStore inventory) : IActivity
{
    [Input(Description = "The order whose pieces are sold.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await inventory.CommitSaleAsync(context.Unit, context.Get(OrderId), cancellationToken);
        return result.Outcome == SaleCommitOutcome.NothingReserved ? Outcome.Port("NothingReserved") : Outcome.Done;
    }
}
