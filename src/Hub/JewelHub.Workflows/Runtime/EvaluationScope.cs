using System.Text.Json.Nodes;

namespace JewelHub.Workflows.Runtime;

/// <summary>What expressions can read: variables by name, the triggering event, and earlier activities' outputs by activity id.</summary>
public sealed class EvaluationScope(IDictionary<string, JsonNode?> variables, JsonNode? triggerEvent, IReadOnlyDictionary<string, JsonObject> outputs)
{
    public IDictionary<string, JsonNode?> Variables { get; } = variables;

    public JsonNode? Event { get; } = triggerEvent;

    public IReadOnlyDictionary<string, JsonObject> Outputs { get; } = outputs;
}
