using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.If: runs the activity in its Then or Else slot, then continues on Done.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The class name is the Elsa type name (Elsa.If) that workflow JSON uses.")]
[Activity("Elsa", "Branching", "Evaluate a Boolean condition to determine which activity to execute next.", EmbeddedPorts = ["Then", "Else"])]
public sealed class If : IActivity
{
    [Input(Description = "The condition to evaluate.", UIHint = "singleline")] public Input<bool> Condition { get; init; } = Input.Optional(false);

    [Output(Description = "The result of the condition.")] public Output<bool> Result { get; init; } = new();

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var result = context.Get(Condition);
        context.Set(Result, result);
        return ValueTask.FromResult(Outcome.Port(result ? "Then" : "Else"));
    }
}
