using JewelHub.Workflows.Definitions;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>A definition version in a list.</summary>
public sealed record DefinitionSummaryResponse(
    string Id, string DefinitionId, string? Name, string? Description, int Version, bool IsLatest, bool IsPublished, DateTimeOffset CreatedAt)
{
    public static DefinitionSummaryResponse From(StoredDefinition d) => new(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt);
}
