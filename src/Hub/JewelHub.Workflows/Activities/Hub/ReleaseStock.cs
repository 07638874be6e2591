using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Lets go of everything held for an order and cancels the order unless it is billed. Releasing twice changes nothing.</summary>
[Activity("JewelHub", "Inventory", "Put the pieces held for an order back on sale and cancel the order (a billed order stays until its bill is voided).", HasEffects = true)]
public sealed class ReleaseStock(InventoryStore inventory, OrderStore orders) : IActivity
{
    [Input(Description = "The order whose pieces are released.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    [Input(Description = "Why, kept with the stock movements, e.g. \"payment not received\".")] public Input<string> Reason { get; init; } = Input.Optional("released by workflow");

    [Output(Description = "How many lines were released.")] public Output<int> ReleasedLines { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var orderId = context.Get(OrderId);
        var released = await inventory.ReleaseAsync(context.Unit, orderId, context.Get(Reason) ?? "released by workflow", cancellationToken);
        if (await orders.GetOrderAsync(context.Unit, orderId, cancellationToken) is not null)
        {
            await orders.CancelAsync(context.Unit, orderId, cancellationToken);
        }

        return context.Done(ReleasedLines, released);
    }
}
