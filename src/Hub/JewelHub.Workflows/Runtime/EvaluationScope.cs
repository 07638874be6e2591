using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Workflows.Runtime;

/// <summary>What expressions can read: variables by name, the triggering event, and earlier activities' outputs by activity id.</summary>
public sealed class EvaluationScope(IDictionary<string, JsonNode?> variables, JsonNode? triggerEvent, IReadOnlyDictionary<string, JsonObject> outputs)
{
    public IDictionary<string, JsonNode?> Variables { get; } = variables;

    public JsonNode? Event { get; } = triggerEvent;

    public IReadOnlyDictionary<string, JsonObject> Outputs { get; } = outputs;

    /// <summary>The run's scheduler state: the event that last started or resumed it and the last Result (null outside a run).</summary>
    public InstanceState? State { get; init; }

    /// <summary>The definition being run, so outputs can be read by activity name (null outside a run).</summary>
    public WorkflowDefinition? Definition { get; init; }

    public string? InstanceId { get; init; }

    public string? CorrelationId { get; init; }
}
