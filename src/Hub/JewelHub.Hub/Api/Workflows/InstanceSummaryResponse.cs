using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>An instance in a list.</summary>
public sealed record InstanceSummaryResponse(
    string Id, string DefinitionId, string DefinitionVersionId, int Version, string? Name, WorkflowStatus Status, string? CorrelationId,
    int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static InstanceSummaryResponse From(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.Status, i.CorrelationId, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt);
}
