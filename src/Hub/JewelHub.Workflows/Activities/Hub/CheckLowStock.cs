using System.Text.Json;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Events;
using JewelHub.Stores.Inventory;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Compares what a branch can still sell with its thresholds and publishes stock.low for each category below one.</summary>
[Activity("JewelHub", "Inventory", "Check whether the branch is running short of any category (below the minimum you set) and raise a stock-low alert for each.",
    Outcomes = ["Low", "Ok"], HasEffects = true)]
public sealed class CheckLowStock(InventoryStore inventory, EventStore events, TimeProvider clock) : IActivity
{
    [Input(Description = "The branch to check, e.g. mumbai-1.", DefaultSyntax = "JavaScript")] public Input<string> Branch { get; init; } = Input.Required<string>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var branch = context.Get(Branch);
        var low = await inventory.LowStockAsync(branch, cancellationToken);
        foreach (var line in low)
        {
            await events.AppendAsync(new CloudEvent
            {
                Id = $"{context.IdempotencyKey}:{line.Category}",
                Source = "/hub/inventory",
                Type = EventTypes.StockLow,
                Subject = $"{line.Branch}/{line.Category}",
                Time = clock.GetUtcNow(),
                Data = JsonSerializer.SerializeToElement(new { line.Branch, line.Category, line.Available, Threshold = line.MinQuantity }, EventJson.Options),
            }, cancellationToken);
        }

        return low.Count > 0 ? Outcome.Port("Low", low.Select(l => l.Category).ToList()) : Outcome.Port("Ok");
    }
}
