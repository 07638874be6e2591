using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.Switch: continues on the label of the first (or every) case whose condition holds, else on Default.</summary>
[Activity("Elsa", "Branching", "Continue on the outcome of the first case whose condition is true, or on Default.", Outcomes = ["Default"], DynamicOutcomes = true)]
public sealed class Switch : IActivity
{
    [Input(Description = "The cases: each has a label (its outcome port) and a condition expression.", UIHint = "flow-switch-editor", IsWrapped = false)]
    public Input<IReadOnlyList<SwitchCase>> Cases { get; init; } = Input.Optional<IReadOnlyList<SwitchCase>>([]);

    [Input(Description = "MatchFirst continues on the first matching case only; MatchAny on every matching case.", Options = ["MatchFirst", "MatchAny"])]
    public Input<string> Mode { get; init; } = Input.Optional("MatchFirst");

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var matched = new List<string>();
        foreach (var @case in context.Get(Cases) ?? [])
        {
            if (context.Evaluate<bool>(@case.Condition))
            {
                matched.Add(@case.Label);
                if (context.Get(Mode) != "MatchAny")
                {
                    break;
                }
            }
        }

        return ValueTask.FromResult(matched.Count == 0 ? Outcome.Port("Default") : Outcome.Fork(matched));
    }
}

/// <summary>A Switch case: its label is the port taken when <see cref="Condition"/> ({type, value}) is true.</summary>
public sealed record SwitchCase
{
    public required string Label { get; init; }
    public JsonNode? Condition { get; init; }
}
