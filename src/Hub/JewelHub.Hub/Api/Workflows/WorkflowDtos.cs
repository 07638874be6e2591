using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>A definition version in a list.</summary>
public sealed record DefinitionSummary(
    string Id, string DefinitionId, string? Name, string? Description, int Version, bool IsLatest, bool IsPublished, DateTimeOffset CreatedAt)
{
    public static DefinitionSummary From(StoredDefinition d) => new(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt);
}

/// <summary>POST /api/workflows/definitions/{definitionId}/run: the input (the trigger's event data) and initial variables.</summary>
public sealed record RunRequest
{
    public JsonNode? Input { get; init; }
    public JsonObject? Variables { get; init; }
    public string? CorrelationId { get; init; }
}

/// <summary>POST /api/workflows/instances/{id}/cancel.</summary>
public sealed record CancelRequest
{
    public string? Reason { get; init; }
}

/// <summary>An instance in a list.</summary>
public sealed record InstanceSummary(
    string Id, string DefinitionId, string DefinitionVersionId, int Version, string? Name, WorkflowStatus Status, string? CorrelationId,
    int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static InstanceSummary From(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.Status, i.CorrelationId, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt);
}

/// <summary>An instance with its variables, journal, activity executions and incidents.</summary>
public sealed record InstanceDetails(
    InstanceSummary Instance,
    JsonNode? Variables,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<ActivityExecutionRecord> Executions,
    IReadOnlyList<IncidentRecord> Incidents);

/// <summary>A journal line with its payload as JSON.</summary>
public sealed record JournalEntry(
    long Seq, string? ActivityExecutionId, string? ActivityId, string? NodeId, string? ActivityType, string EventName, string? Outcome, JsonNode? Payload, DateTimeOffset At)
{
    public static JournalEntry From(JournalRecord r) =>
        new(r.Seq, r.ActivityExecutionId, r.ActivityId, r.NodeId, r.ActivityType, r.EventName, r.Outcome, r.Payload is null ? null : JsonNode.Parse(r.Payload), r.At);
}
