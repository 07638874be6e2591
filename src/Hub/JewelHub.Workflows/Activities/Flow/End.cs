using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.End: finishes the flow, including branches that still wait.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The class name is the Elsa type name (Elsa.End) that workflow JSON uses.")]
[Activity("Elsa", "Flow", "A milestone activity that marks the end of a flowchart.", IsTerminal = true, Outcomes = [])]
public sealed class End : IActivity
{
    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) => ValueTask.FromResult(Outcome.End);
}
