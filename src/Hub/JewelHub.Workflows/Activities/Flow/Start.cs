using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.Start: marks where a flowchart starts.</summary>
[Activity("Elsa", "Flow", "A milestone activity that marks the start of a flowchart.", IsStart = true)]
public sealed class Start : IActivity
{
    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) => ValueTask.FromResult(Outcome.Done);
}
