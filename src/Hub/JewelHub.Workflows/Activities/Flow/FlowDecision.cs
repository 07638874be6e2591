using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.FlowDecision: continues on True or False.</summary>
[Activity("Elsa", "Branching", "Evaluate a Boolean condition to determine which path to execute next.", DisplayName = "Decision", Outcomes = ["True", "False"])]
public sealed class FlowDecision : IActivity
{
    [Input(Description = "The condition to evaluate.", UIHint = "singleline")] public Input<bool> Condition { get; init; } = Input.Optional(false);

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Outcome.Port(context.Get(Condition) ? "True" : "False"));
}
