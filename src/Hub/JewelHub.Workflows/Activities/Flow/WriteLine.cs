using JewelHub.Workflows.ActivityModel;
using Microsoft.Extensions.Logging;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.WriteLine: writes a line to the hub's log.</summary>
[Activity("Elsa", "Primitives", "Write a line of text to the hub's log.")]
public sealed class WriteLine(ILogger<WriteLine> logger) : IActivity
{
    [Input(Description = "The text to write.")] public Input<string> Text { get; init; } = Input.Optional<string>("");

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        Runtime.WorkflowsLog.WriteLine(logger, context.Get(Text));
        return ValueTask.FromResult(Outcome.Done);
    }
}
