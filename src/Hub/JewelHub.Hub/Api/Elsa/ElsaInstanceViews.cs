using System.Text.Json.Nodes;
using JewelHub.Hub.Api.Workflows;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>An instance as the studio's instance list shows it.</summary>
internal sealed record ElsaInstanceSummaryResponse
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public required int Version { get; init; }
    public required string Status { get; init; }
    public required string SubStatus { get; init; }
    public string? CorrelationId { get; init; }
    public string? Name { get; init; }
    public int IncidentCount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>
/// Elsa's two-level status: Running (Executing, or Suspended while it waits) or Finished (Finished, Faulted or
/// Cancelled). The hub's single status maps onto it one to one.
/// </summary>
internal static class ElsaInstanceViews
{
    public static (string Status, string SubStatus) Status(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Faulted => ("Finished", "Faulted"),
        _ => ("Finished", "Cancelled"),
    };

    /// <summary>The hub statuses that Elsa's status and sub-status filters select; null when they do not filter.</summary>
    public static IReadOnlyList<WorkflowStatus>? Statuses(IReadOnlyList<string>? statuses, IReadOnlyList<string>? subStatuses)
    {
        if (statuses is not { Count: > 0 } && subStatuses is not { Count: > 0 })
        {
            return null;
        }

        return [.. Enum.GetValues<WorkflowStatus>().Where(s =>
            (statuses is not { Count: > 0 } || statuses.Contains(Status(s).Status, StringComparer.OrdinalIgnoreCase)) &&
            (subStatuses is not { Count: > 0 } || subStatuses.Contains(Status(s).SubStatus, StringComparer.OrdinalIgnoreCase)))];
    }

    public static ElsaInstanceSummaryResponse Summary(WorkflowInstanceSummary instance)
    {
        var (status, subStatus) = Status(instance.Status);
        return new ElsaInstanceSummaryResponse
        {
            Id = instance.Id,
            DefinitionId = instance.DefinitionId,
            DefinitionVersionId = instance.DefinitionVersionId,
            Version = instance.Version,
            Status = status,
            SubStatus = subStatus,
            CorrelationId = instance.CorrelationId,
            Name = instance.Name,
            IncidentCount = instance.IncidentCount,
            CreatedAt = instance.CreatedAt,
            UpdatedAt = instance.UpdatedAt,
            FinishedAt = instance.FinishedAt,
        };
    }

    public static WorkflowInstanceSummary Summary(WorkflowInstance instance) => new()
    {
        Id = instance.Id,
        DefinitionId = instance.DefinitionId,
        DefinitionVersionId = instance.DefinitionVersionId,
        Version = instance.Version,
        Name = instance.Name,
        Status = instance.Status,
        CorrelationId = instance.CorrelationId,
        IncidentCount = instance.IncidentCount,
        CreatedAt = instance.CreatedAt,
        UpdatedAt = instance.UpdatedAt,
        FinishedAt = instance.FinishedAt,
    };

    /// <summary>Elsa's workflowState: identity, status, incidents and the fault of a Faulted instance.</summary>
    public static JsonObject WorkflowState(WorkflowInstance instance, IReadOnlyList<IncidentRecord> incidents, WorkflowDefinition? definition)
    {
        var (status, subStatus) = Status(instance.Status);
        var open = incidents.Where(i => i.ResolvedAt is null).ToList();
        var fault = instance.Status == WorkflowStatus.Faulted && open.Count > 0
            ? new JsonObject
            {
                ["exception"] = Exception(FaultViews.Message(open[^1].Message)),
                ["message"] = FaultViews.Message(open[^1].Message),
                ["faultedActivityId"] = open[^1].ActivityId,
                ["incidentId"] = open[^1].Id,
            }
            : null;
        return new JsonObject
        {
            ["id"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["definitionVersionId"] = instance.DefinitionVersionId,
            ["definitionVersion"] = instance.Version,
            ["correlationId"] = instance.CorrelationId,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["bookmarks"] = new JsonArray(),
            ["incidents"] = new JsonArray([.. open.Select(i => (JsonNode)Incident(i, definition?.Find(i.ActivityId)))]),
            ["fault"] = fault,
            ["completionCallbacks"] = new JsonArray(),
            ["activityExecutionContexts"] = new JsonArray(),
            ["input"] = new JsonObject(),
            ["output"] = new JsonObject(),
            ["properties"] = new JsonObject(),
            ["createdAt"] = instance.CreatedAt,
            ["updatedAt"] = instance.UpdatedAt,
            ["finishedAt"] = instance.FinishedAt,
        };
    }

    /// <summary>Elsa's exception state from what the API shows of a fault: a message; the stack trace stays in the log.</summary>
    public static JsonObject Exception(string message) => new()
    {
        ["type"] = FaultViews.Kind,
        ["message"] = message,
        ["stackTrace"] = null,
        ["innerException"] = null,
    };

    private static JsonObject Incident(IncidentRecord incident, ActivityNode? node) => new JsonObject
    {
        ["activityId"] = incident.ActivityId,
        ["activityNodeId"] = node?.NodeId,
        ["activityType"] = node?.Type,
        ["incidentId"] = incident.Id,
        ["message"] = FaultViews.Message(incident.Message),
        ["exception"] = Exception(FaultViews.Message(incident.Message)),
        ["timestamp"] = incident.At,
    };
}
