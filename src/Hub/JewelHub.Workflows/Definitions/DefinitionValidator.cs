using System.Text.Json;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Workflows.Definitions;

/// <summary>
/// Refuses a definition that cannot run: unknown activity type, dangling or unknown-port connection, unparsable
/// expression, missing required input, trigger without a literal event name. Every problem names the activity id.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    /// <summary>Throws <see cref="DefinitionException"/> listing every problem found.</summary>
    public void Validate(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var variables = definition.Variables.SelectMany(v => new[] { v.Name, v.Id }).ToHashSet(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (!ids.Add(activity.Id))
            {
                problems.Add(new(activity.Id, "the id is used by more than one activity"));
            }

            CheckActivity(activity, variables, problems);
        }

        foreach (var connection in definition.Connections)
        {
            CheckConnection(definition, connection, problems);
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(definition.Origin, problems);
        }
    }

    /// <summary>
    /// Throws <see cref="DefinitionException"/> when a JavaScript input does not parse; the rest of a draft may be
    /// unfinished. Every problem names the activity and the input.
    /// </summary>
    public void ValidateScripts(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        foreach (var activity in definition.Activities)
        {
            CheckScripts(activity, problems);
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(definition.Origin, problems);
        }
    }

    private void CheckScripts(ActivityNode activity, List<DefinitionProblem> problems)
    {
        foreach (var input in registry.Find(activity.Type)?.Inputs ?? [])
        {
            if (InputExpression.Read(activity.Json, input.JsonName, input.IsWrapped) is { Type: InputExpression.JavaScript } expression
                && ScriptProblem(expression) is { } problem)
            {
                problems.Add(new(activity.Id, $"input '{input.JsonName}': {problem}"));
            }
        }

        foreach (var child in activity.Embedded.Values)
        {
            CheckScripts(child, problems);
        }
    }

    private static string? ScriptProblem(InputExpression expression) =>
        JavaScriptEvaluator.CheckSyntax(expression.Text ?? "") is { } error ? $"JavaScript does not parse: {error}" : null;

    private void CheckActivity(ActivityNode activity, HashSet<string> variables, List<DefinitionProblem> problems)
    {
        if (registry.Find(activity.Type) is not { ClrType: not null } descriptor)
        {
            problems.Add(new(activity.Id, $"unknown activity type '{activity.Type}'"));
            return;
        }

        foreach (var input in descriptor.Inputs)
        {
            var expression = InputExpression.Read(activity.Json, input.JsonName, input.IsWrapped);
            if (expression is null || (expression.Type == InputExpression.Literal && expression.Value is null))
            {
                if (input.IsRequired)
                {
                    problems.Add(new(activity.Id, $"the required input '{input.JsonName}' has no value"));
                }

                continue;
            }

            if (CheckExpression(expression, input, variables) is { } problem)
            {
                problems.Add(new(activity.Id, $"input '{input.JsonName}': {problem}"));
            }
        }

        if (activity.Json["customProperties"]?["canStartWorkflow"]?.GetValueKind() == JsonValueKind.True && activity.TriggerEventType is not { Length: > 0 })
        {
            problems.Add(new(activity.Id, "a trigger needs a literal eventName"));
        }

        foreach (var child in activity.Embedded.Values)
        {
            CheckActivity(child, variables, problems);
        }
    }

    private static string? CheckExpression(InputExpression expression, InputDescriptor input, HashSet<string> variables)
    {
        try
        {
            switch (expression.Type)
            {
                case InputExpression.Literal:
                    LiteralConverter.Convert(expression.Text, input.ValueType);
                    return null;
                case InputExpression.ObjectType or InputExpression.Json:
                    ExpressionEvaluator.ParseObject(expression.Value);
                    return null;
                case InputExpression.Variable:
                    return ExpressionEvaluator.VariableName(expression.Value) is { } name && variables.Contains(name)
                        ? null
                        : $"the variable '{ExpressionEvaluator.VariableName(expression.Value)}' is not declared";
                case InputExpression.JavaScript:
                    return ScriptProblem(expression);
                case "Raw":
                    WorkflowJson.FromNode(expression.Value, input.ValueType);
                    return null;
                default:
                    return $"unsupported expression type '{expression.Type}'";
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return $"unparsable {expression.Type} expression: {exception.Message}";
        }
    }

    private void CheckConnection(WorkflowDefinition definition, FlowConnection connection, List<DefinitionProblem> problems)
    {
        var source = definition.Find(connection.SourceActivity);
        if (source is null)
        {
            problems.Add(new(connection.SourceActivity, $"a connection starts at an activity that does not exist (to '{connection.TargetActivity}')"));
        }
        else if (registry.Find(source.Type) is { DynamicOutcomes: false } descriptor && descriptor.Ports.All(p => p.Name != connection.SourcePort))
        {
            problems.Add(new(source.Id, $"a connection leaves from port '{connection.SourcePort}', which {source.Type} does not have"));
        }

        if (definition.Find(connection.TargetActivity) is null)
        {
            problems.Add(new(connection.SourceActivity, $"a connection ends at '{connection.TargetActivity}', which does not exist"));
        }
    }
}
