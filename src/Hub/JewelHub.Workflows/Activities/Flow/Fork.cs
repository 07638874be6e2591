using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.Fork: continues on every named branch at once.</summary>
[Activity("Elsa", "Branching", "Branch execution into multiple parallel branches.", Outcomes = ["Done"], DynamicOutcomes = true)]
public sealed class Fork : IActivity
{
    [Input(Description = "The branch names, separated by commas; each is an outcome port.", UIHint = "dynamic-outcomes")]
    public Input<string> Branches { get; init; } = Input.Optional("Branch 1,Branch 2");

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var branches = (context.Get(Branches) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ValueTask.FromResult(Outcome.Fork([.. branches, Outcome.DonePort]));
    }
}
