using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>A definition version as Elsa Studio's lists show it.</summary>
internal sealed record ElsaDefinitionSummaryResponse
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required int Version { get; init; }
    public string ToolVersion { get; init; } = ElsaDefinitionViews.ToolVersion;
    public required bool IsLatest { get; init; }
    public required bool IsPublished { get; init; }
    public string ProviderName { get; init; } = "Default";
    public string MaterializerName { get; init; } = "Json";
    public required DateTimeOffset CreatedAt { get; init; }
    public bool IsReadonly { get; init; }
    public bool IsMaterializerAvailable { get; init; } = true;
    public required IReadOnlyList<LinkResponse> Links { get; init; }
}

/// <summary>
/// What the save and publish calls answer; <see cref="Warnings"/> (beyond Elsa's shape) says what the author should know
/// though the definition runs, e.g. a trigger that earlier steps also lead to.
/// </summary>
internal sealed record SaveDefinitionResponse(
    JsonObject? WorkflowDefinition, bool AlreadyPublished, int ConsumingWorkflowCount, IReadOnlyList<ValidationErrorResponse> ValidationErrors,
    IReadOnlyList<DefinitionWarning>? Warnings = null);

/// <summary>One reason a definition cannot be published, naming the activity when there is one.</summary>
internal sealed record ValidationErrorResponse(string? ActivityId, string Message);

/// <summary>Turns stored definition versions into Elsa's summary and model shapes, with the links that make them editable.</summary>
internal static class ElsaDefinitionViews
{
    /// <summary>The Elsa version whose studio this API serves.</summary>
    public const string ToolVersion = "3.8.2.0";

    /// <summary>The list's links: "bulk-publish" is what makes the studio's list editable.</summary>
    public static IReadOnlyList<LinkResponse> ListLinks { get; } =
    [
        new("/workflow-definitions", "self", "GET"),
        new("/workflow-definitions/validation/is-name-unique", "is-name-unique", "GET"),
        new("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete-by-definition-id", "POST"),
        new("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
        new("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"),
        new("/workflow-definitions/import", "import", "POST"),
        new("/workflow-definitions", "create", "POST"),
    ];

    /// <summary>A row's links: "publish" is what makes a definition editable in the studio.</summary>
    public static IReadOnlyList<LinkResponse> Links(string definitionId)
    {
        var path = "/workflow-definitions/" + Uri.EscapeDataString(definitionId);
        return
        [
            new(path, "self", "GET"),
            new("/workflow-definitions/by-definition-id/" + Uri.EscapeDataString(definitionId), "self", "GET"),
            new(path + "/execute", "execute", "POST"),
            new(path + "/export", "export", "GET"),
            new(path + "/publish", "publish", "POST"),
            new(path + "/retract", "retract", "POST"),
            new(path, "delete", "DELETE"),
        ];
    }

    public static ElsaDefinitionSummaryResponse Summary(StoredDefinition stored) => new()
    {
        Id = stored.Id,
        DefinitionId = stored.DefinitionId,
        Name = stored.Name,
        Description = stored.Description,
        Version = stored.Version,
        IsLatest = stored.IsLatest,
        IsPublished = stored.IsPublished,
        CreatedAt = stored.CreatedAt,
        Links = Links(stored.DefinitionId),
    };

    /// <summary>The full model the editor and viewer draw: the stored JSON with this version's identity, Elsa's defaults and links.</summary>
    public static JsonObject Model(StoredDefinition stored)
    {
        var model = stored.ModelWithIdentity();
        Default(model, "description", () => null);
        Default(model, "toolVersion", () => ToolVersion);
        Default(model, "variables", () => new JsonArray());
        Default(model, "inputs", () => new JsonArray());
        Default(model, "outputs", () => new JsonArray());
        Default(model, "outcomes", () => new JsonArray());
        Default(model, "customProperties", () => new JsonObject());
        Default(model, "isReadonly", () => false);
        Default(model, "isSystem", () => false);
        Default(model, "usableAsActivity", () => null);
        Default(model, "options", () => new JsonObject
        {
            ["activationStrategyType"] = null,
            ["usableAsActivity"] = null,
            ["autoUpdateConsumingWorkflows"] = false,
            ["activityCategory"] = null,
            ["incidentStrategyType"] = null,
            ["commitStrategyName"] = null,
        });
        model["links"] = System.Text.Json.JsonSerializer.SerializeToNode(Links(stored.DefinitionId), ElsaJson.Options);
        return model;
    }

    /// <summary>
    /// The JSON a workflows/*.json file holds: the model without any version's identity, and without the node ids the
    /// hub derives on reading (parent's node id + ":" + activity id); a node id set otherwise is kept.
    /// </summary>
    public static string Export(StoredDefinition stored)
    {
        var model = JsonNode.Parse(stored.Model)!;
        DropDerivedNodeIds(model["root"], "Workflow1");
        return model.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static void DropDerivedNodeIds(JsonNode? node, string parentNodeId)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                DropDerivedNodeIds(item, parentNodeId);
            }
        }
        else if (node is JsonObject activity)
        {
            var nodeId = parentNodeId;
            if (activity["nodeId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && activity["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                nodeId = activity["nodeId"]!.GetValue<string>();
                if (nodeId == $"{parentNodeId}:{activity["id"]!.GetValue<string>()}")
                {
                    activity.Remove("nodeId");
                }
            }

            foreach (var (_, child) in activity.ToList())
            {
                DropDerivedNodeIds(child, nodeId);
            }
        }
    }

    private static void Default(JsonObject model, string name, Func<JsonNode?> value)
    {
        if (model[name] is null)
        {
            model[name] = value();
        }
    }
}
