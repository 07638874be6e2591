using System.Text.Json.Nodes;

namespace JewelHub.Workflows.Definitions;

/// <summary>
/// A parsed Elsa-3 workflow definition: the flowchart's activities, connections and variables, plus the model JSON
/// exactly as it came (designer metadata included) so it can be written back for Elsa Studio untouched.
/// </summary>
public sealed class WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required string RootId { get; init; }
    public required string RootNodeId { get; init; }
    public required IReadOnlyList<VariableDefinition> Variables { get; init; }
    public required IReadOnlyList<ActivityNode> Activities { get; init; }
    public required IReadOnlyList<FlowConnection> Connections { get; init; }

    /// <summary>The whole model (definitionId, name, variables, root, ...) with node ids filled in; everything else verbatim.</summary>
    public required JsonObject Model { get; init; }

    /// <summary>Where it came from, for error messages.</summary>
    public required string Origin { get; init; }

    /// <summary>The activity with this id.</summary>
    public ActivityNode? Find(string activityId) => Activities.FirstOrDefault(a => a.Id == activityId);

    /// <summary>The event types this definition starts on, with the trigger activity.</summary>
    public IEnumerable<(string EventType, ActivityNode Activity)> Triggers =>
        Activities.Where(a => a.TriggerEventType is not null).Select(a => (a.TriggerEventType!, a));

    /// <summary>
    /// What publishing this definition should tell its author, though it can run: a trigger (canStartWorkflow) that
    /// earlier steps also lead to both resumes the instances waiting on it and starts new instances there, skipping the
    /// steps before it, as Elsa does. That is rarely meant in a sale flow, so it is said aloud.
    /// </summary>
    public IReadOnlyList<DefinitionWarning> Warnings => _warnings ??= [.. Activities
        .Where(a => a.TriggerEventType is not null && Connections.Any(c => c.TargetActivity == a.Id))
        .Select(a => new DefinitionWarning(
            a.Id, $"Event '{a.Name ?? a.Id}' both waits and starts new instances; untick Trigger workflow to make it a wait only"))];

    private IReadOnlyList<DefinitionWarning>? _warnings;
}

/// <summary>Something about a definition its author should know; it does not stop it from being published.</summary>
/// <param name="ActivityId">The activity it is about.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record DefinitionWarning(string ActivityId, string Message);

/// <summary>An activity of the flowchart. <see cref="Json"/> holds its input and output properties as Elsa writes them.</summary>
public sealed class ActivityNode
{
    public required string Id { get; init; }
    public required string NodeId { get; init; }
    public string? Name { get; init; }
    public required string Type { get; init; }
    public int Version { get; init; } = 1;
    public required JsonObject Json { get; init; }

    /// <summary>Activities held in embedded ports (e.g. If's then/else), by port name.</summary>
    public IReadOnlyDictionary<string, ActivityNode> Embedded { get; init; } = new Dictionary<string, ActivityNode>();

    /// <summary>Set when the activity can start the workflow (customProperties.canStartWorkflow) on this event type.</summary>
    public string? TriggerEventType { get; init; }
}

/// <summary>A connection from a source activity's outcome port to a target activity.</summary>
public sealed record FlowConnection(string SourceActivity, string SourcePort, string TargetActivity, string TargetPort);

/// <summary>A workflow variable: id (what output bindings use), name (what expressions use), type and initial value.</summary>
public sealed record VariableDefinition(string Id, string Name, string TypeName, JsonNode? Value);
