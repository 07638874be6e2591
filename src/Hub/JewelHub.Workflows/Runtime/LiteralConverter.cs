using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Runtime;

/// <summary>Converts Elsa's literal strings ("2", "true", "00:05:00") and JSON values to an input's type.</summary>
public static class LiteralConverter
{
    /// <summary>The text as a value of <paramref name="target"/>; throws <see cref="FormatException"/> when it does not fit.</summary>
    public static object? Convert(string? text, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (text is null || (text.Length == 0 && type != typeof(string)))
        {
            return null;
        }

        var c = CultureInfo.InvariantCulture;
        try
        {
            return type switch
            {
                _ when type == typeof(string) || type == typeof(object) => text,
                _ when type == typeof(JsonNode) => JsonValue.Create(text),
                _ when type == typeof(int) => int.Parse(text, NumberStyles.Integer, c),
                _ when type == typeof(long) => long.Parse(text, NumberStyles.Integer, c),
                _ when type == typeof(decimal) => decimal.Parse(text, NumberStyles.Number, c),
                _ when type == typeof(double) => double.Parse(text, NumberStyles.Float, c),
                _ when type == typeof(bool) => bool.Parse(text),
                _ when type == typeof(TimeSpan) => TimeSpan.Parse(text, c),
                _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, c, DateTimeStyles.AssumeUniversal),
                _ when type.IsEnum => Enum.Parse(type, text, ignoreCase: true),
                _ => JsonSerializer.Deserialize(text, type, WorkflowJson.Options),
            };
        }
        catch (Exception exception) when (exception is JsonException or OverflowException or ArgumentException)
        {
            throw new FormatException($"'{text}' is not a valid {TypeAliases.Alias(type)}: {exception.Message}", exception);
        }
    }

    /// <summary>A JSON value as <paramref name="target"/>: strings are converted like literals, everything else deserialised.</summary>
    public static object? FromNode(JsonNode? node, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && type != typeof(JsonNode) && type != typeof(object))
        {
            return Convert(value.GetValue<string>(), target);
        }

        if (type == typeof(string) && node is JsonValue other)
        {
            return other.GetValueKind() == JsonValueKind.Null ? null : other.ToJsonString();
        }

        return WorkflowJson.FromNode(node, target);
    }
}
