using System.Text.Json.Nodes;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>The type names Elsa Studio knows (String, Int32, Boolean, Object, ...) and the editor each gets by default.</summary>
public static class TypeAliases
{
    /// <summary>The Elsa alias of a CLR type.</summary>
    public static string Alias(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => "String",
            _ when underlying == typeof(int) => "Int32",
            _ when underlying == typeof(long) => "Int64",
            _ when underlying == typeof(bool) => "Boolean",
            _ when underlying == typeof(decimal) => "Decimal",
            _ when underlying == typeof(double) => "Double",
            _ when underlying == typeof(DateTimeOffset) => "DateTimeOffset",
            _ when underlying == typeof(TimeSpan) => "TimeSpan",
            _ => "Object",
        };
    }

    /// <summary>The editor Elsa Studio opens for a type.</summary>
    public static string DefaultUIHint(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(bool) => "checkbox",
            _ when underlying == typeof(string) || underlying.IsPrimitive || underlying == typeof(decimal) || underlying == typeof(TimeSpan) => "singleline",
            _ when underlying == typeof(DateTimeOffset) => "datetime-picker",
            _ when underlying.IsEnum => "dropdown",
            _ when underlying == typeof(JsonNode) || underlying == typeof(object) => "multiline",
            _ => "json-editor",
        };
    }
}
