using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.FlowJoin: continues when every inbound branch that can still arrive has arrived (WaitAll), or on the first (WaitAny).</summary>
[Activity("Elsa", "Branching", "Merge multiple branches into a single branch of execution.", DisplayName = "Join")]
public sealed class FlowJoin : IActivity
{
    [Input(Description = "WaitAll waits for every inbound branch that can still arrive; WaitAny continues on the first.", Options = ["WaitAll", "WaitAny"])]
    public Input<string> Mode { get; init; } = Input.Optional("WaitAll");

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) => ValueTask.FromResult(Outcome.Done);
}
