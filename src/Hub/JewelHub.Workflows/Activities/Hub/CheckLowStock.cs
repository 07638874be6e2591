using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Compares what a branch can still sell with its thresholds and publishes stock.low once per crossing: when a category
/// goes below its threshold, and again only after a check has seen it back at or above. The crossing is claimed in the
/// inventory store first (so two checks at once raise one alert), then the event is appended with the claim's id, which
/// the event log deduplicates, so a replay after a crash between the two appends it once. The two are not one
/// transaction on purpose: the trigger loop reads the log by position, and a longer transaction holding a position
/// open could commit behind the loop's cursor on PostgreSQL and never be read.
/// </summary>
[Activity("JewelHub", "Inventory", "Check whether the branch is running short of any category (below the minimum you set). A stock-low alert is raised when a category drops below its minimum, not again while it stays low, and again after it has recovered and dropped once more.",
    Outcomes = ["Low", "Ok"], HasEffects = true)]
public sealed class CheckLowStock(StockOperations stock) : IActivity
{
    [Input(Description = "The branch to check, e.g. mumbai-1.", DefaultSyntax = "JavaScript")] public Input<string> Branch { get; init; } = Input.Required<string>();

    [Output(Description = "The categories whose stock-low alert this check raised (empty while they stay low).")]
    public Output<IReadOnlyList<string>> Raised { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var low = await stock.CheckLowStockAsync(context.Unit, context.Get(Branch), context.IdempotencyKey, cancellationToken);
        context.Set(Raised, [.. low.Where(alert => alert.Raised).Select(alert => alert.Line.Category)]);
        return low.Count > 0 ? Outcome.Port("Low", low.Select(alert => alert.Line.Category).ToList()) : Outcome.Port("Ok");
    }
}
