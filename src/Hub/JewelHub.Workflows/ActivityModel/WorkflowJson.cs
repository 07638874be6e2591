using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>The JSON conventions of workflow values: camelCase, enums as strings (what Elsa Studio reads).</summary>
public static class WorkflowJson
{
    /// <summary>The serializer options for variables, outputs and descriptors.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>A value as a JSON node.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Options),
    };

    /// <summary>A JSON node as a value of <paramref name="type"/>.</summary>
    public static object? FromNode(JsonNode? node, Type type)
    {
        if (type == typeof(JsonNode) || type == typeof(object))
        {
            return node?.DeepClone();
        }

        return node is null ? null : node.Deserialize(type, Options);
    }
}
