using JewelHub.Workflows.Definitions;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>A definition version in a list, with what its author should know about it (<see cref="WorkflowDefinition.Warnings"/>).</summary>
public sealed record DefinitionSummaryResponse(
    string Id, string DefinitionId, string? Name, string? Description, int Version, bool IsLatest, bool IsPublished, DateTimeOffset CreatedAt,
    IReadOnlyList<DefinitionWarning> Warnings)
{
    public static DefinitionSummaryResponse From(StoredDefinition d, WorkflowDefinition? parsed) =>
        new(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt, parsed?.Warnings ?? []);
}
