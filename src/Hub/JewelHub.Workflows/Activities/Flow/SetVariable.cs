using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.SetVariable: assigns a value to a workflow variable.</summary>
[Activity("Elsa", "Primitives", "Assign a value to a workflow variable.")]
public sealed class SetVariable : IActivity
{
    [Input(Description = "The variable to assign.", UIHint = "variable-picker", IsWrapped = false, TypeName = "Elsa.Workflows.Memory.Variable")]
    public Input<VariableReference> Variable { get; init; } = Input.Required<VariableReference>();

    [Input(Description = "The value to assign.", UIHint = "singleline")] public Input<JsonNode?> Value { get; init; } = Input.Optional<JsonNode?>();

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var variable = context.Get(Variable);
        context.SetVariable(variable.Name ?? variable.Id ?? "", context.Get(Value));
        return ValueTask.FromResult(Outcome.Done);
    }
}

/// <summary>A variable as Elsa's variable picker writes it: {id, name, typeName, ...}.</summary>
public sealed record VariableReference
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? TypeName { get; init; }
}
