using System.Text.Json.Nodes;

namespace JewelHub.Workflows.Definitions;

/// <summary>An input value as Elsa writes it: {typeName, expression:{type, value}}; or an unwrapped JSON value.</summary>
public sealed record InputExpression(string Type, JsonNode? Value, string? TypeName)
{
    public const string Literal = "Literal";
    public const string ObjectType = "Object";
    public const string Json = "Json";
    public const string Variable = "Variable";
    public const string JavaScript = "JavaScript";

    /// <summary>The expression types the engine evaluates.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal) { Literal, ObjectType, Json, Variable, JavaScript };

    /// <summary>The value as text (a Literal's or script's source).</summary>
    public string? Text => Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : Value?.ToJsonString();

    /// <summary>Reads an input property of an activity; null when the activity gives no value.</summary>
    public static InputExpression? Read(JsonObject activity, string jsonName, bool isWrapped)
    {
        if (!activity.TryGetPropertyValue(jsonName, out var node) || node is null)
        {
            return null;
        }

        if (!isWrapped)
        {
            return new InputExpression("Raw", node, null);
        }

        if (node is not JsonObject wrapped || wrapped["expression"] is not JsonObject expression)
        {
            return new InputExpression("Invalid", node, null);
        }

        var type = expression["type"]?.GetValue<string>() ?? Literal;
        var typeName = wrapped["typeName"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
        return new InputExpression(type, expression["value"], typeName);
    }
}
