using System.Text.Json.Nodes;

namespace JewelHub.Workflows.Definitions;

/// <summary>One stored version of a definition. <see cref="Id"/> is the version id, <see cref="DefinitionId"/> the stable id.</summary>
public sealed record StoredDefinition
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required bool IsLatest { get; init; }
    public required bool IsPublished { get; init; }
    public required string ContentHash { get; init; }

    /// <summary>The model JSON as saved (root, variables, designer metadata).</summary>
    public required string Model { get; init; }

    /// <summary>The file it was loaded from, for definitions from workflows/.</summary>
    public string? Origin { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The model with this version's identity written in (id, definitionId, version, isLatest, isPublished, createdAt).</summary>
    public JsonObject ModelWithIdentity()
    {
        var model = JsonNode.Parse(Model)!.AsObject();
        model["id"] = Id;
        model["definitionId"] = DefinitionId;
        model["version"] = Version;
        model["isLatest"] = IsLatest;
        model["isPublished"] = IsPublished;
        model["createdAt"] = CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return model;
    }
}

/// <summary>A page of definitions for a list view.</summary>
/// <param name="Items">The rows of the page.</param>
/// <param name="TotalCount">How many rows match in all.</param>
public sealed record DefinitionPage(IReadOnlyList<StoredDefinition> Items, int TotalCount);

/// <summary>A definition list query: version filter, ids, text search, paging (page from zero) and order.</summary>
public sealed record DefinitionQuery
{
    public VersionOptions VersionOptions { get; init; } = VersionOptions.Latest;
    public IReadOnlyList<string>? DefinitionIds { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public string? SearchTerm { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;

    /// <summary>Name, Version or Created. Default Name.</summary>
    public string? OrderBy { get; init; }
    public bool Descending { get; init; }

    /// <summary>True for lists that show summaries only: the model column is not read (Model is then "{}").</summary>
    public bool WithoutModel { get; init; }
}
