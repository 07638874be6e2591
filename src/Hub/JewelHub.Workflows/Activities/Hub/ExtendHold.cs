using JewelHub.Stores.Inventory;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Keeps an order's pieces held for longer, e.g. after a part payment. A hold is never shortened; a replay changes nothing.</summary>
[Activity("JewelHub", "Inventory", "Keep the pieces held for an order for longer, e.g. after a part payment while the customer brings the balance. Pieces already released or sold are left as they are.",
    HasEffects = true)]
public sealed class ExtendHold(InventoryStore inventory, TimeProvider clock) : IActivity
{
    [Input(Description = "The order whose pieces stay held.", DefaultSyntax = "JavaScript")] public Input<string> OrderId { get; init; } = Input.Required<string>();

    [Input(Description = "How many minutes from now the pieces stay held at least. Make it longer than the wait for payment that follows.")]
    public Input<double> HoldMinutes { get; init; } = Input.Optional(60d);

    [Output(Description = "How many lines the order still holds.")] public Output<int> HeldLines { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().AddMinutes(context.Get(HoldMinutes));
        return context.Done(HeldLines, await inventory.ExtendHoldAsync(context.Unit, context.Get(OrderId), until, cancellationToken));
    }
}
