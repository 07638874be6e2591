using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Workflows.Runtime;

/// <summary>Evaluates an activity input's expression (Literal, Object/Json, Variable, JavaScript) to the input's type.</summary>
/// <param name="scope">What expressions read.</param>
/// <param name="scripts">The limits of JavaScript expressions (defaults when null).</param>
public sealed class ExpressionEvaluator(EvaluationScope scope, ScriptOptions? scripts = null)
{
    private JavaScriptEvaluator? _javaScript;

    /// <summary>The value of <paramref name="expression"/> as <paramref name="target"/>.</summary>
    public object? Evaluate(InputExpression expression, Type target) => expression.Type switch
    {
        InputExpression.Literal => LiteralConverter.Convert(expression.Text, target),
        InputExpression.ObjectType or InputExpression.Json => LiteralConverter.FromNode(ParseObject(expression.Value), target),
        InputExpression.Variable => LiteralConverter.FromNode(ReadVariable(expression.Value), target),
        InputExpression.JavaScript => LiteralConverter.FromNode(RunScript(expression.Text), target),
        "Raw" => WorkflowJson.FromNode(expression.Value, target),
        _ => throw new InvalidOperationException($"Expression type '{expression.Type}' is not supported."),
    };

    /// <summary>The JSON node an Object expression holds (its value is JSON text, or already a JSON value).</summary>
    public static JsonNode? ParseObject(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var json) ? (string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json)) : value?.DeepClone();

    /// <summary>The variable name a Variable expression refers to: its value, or the value's name or id.</summary>
    public static string? VariableName(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var name) => name,
        JsonObject o => (o["name"] ?? o["id"])?.GetValue<string>(),
        _ => null,
    };

    private JsonNode? ReadVariable(JsonNode? value)
    {
        var name = VariableName(value) ?? throw new InvalidOperationException("A Variable expression needs a variable name.");
        return scope.Variables.TryGetValue(name, out var node) ? node?.DeepClone() : null;
    }

    private JsonNode? RunScript(string? script)
    {
        if (string.IsNullOrWhiteSpace(script))
        {
            return null;
        }

        if (MemberPathScript.TryEvaluate(script, scope, out var value))
        {
            return value;
        }

        _javaScript ??= new JavaScriptEvaluator(scripts);
        return _javaScript.Evaluate(script, scope);
    }
}
