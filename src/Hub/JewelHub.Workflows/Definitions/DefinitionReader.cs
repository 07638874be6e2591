using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Definitions;

/// <summary>
/// Reads Elsa-3 workflow JSON (a definition model with an Elsa.Flowchart root) into a <see cref="WorkflowDefinition"/>,
/// filling in missing node ids the way Elsa Studio expects them; everything else is kept verbatim.
/// </summary>
public sealed class DefinitionReader(ActivityRegistry registry)
{
    /// <summary>Parses the JSON; throws <see cref="DefinitionException"/> naming <paramref name="origin"/> when its structure is wrong.</summary>
    public WorkflowDefinition Read(string json, string origin)
    {
        JsonObject model;
        try
        {
            model = JsonNode.Parse(json) as JsonObject ?? throw Fail(origin, "the file is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw Fail(origin, $"the JSON is malformed: {exception.Message}");
        }

        return Read(model, origin);
    }

    /// <summary>Reads an already parsed model (a deep copy is kept).</summary>
    public WorkflowDefinition Read(JsonObject source, string origin)
    {
        var model = (JsonObject)source.DeepClone();
        if (model["root"] is not JsonObject root || Text(root, "type") != ActivityRegistry.FlowchartType)
        {
            throw Fail(origin, $"the root must be an activity of type {ActivityRegistry.FlowchartType}");
        }

        var rootId = Text(root, "id") ?? "Flowchart1";
        root["id"] = rootId;
        var rootNodeId = Text(root, "nodeId") ?? $"Workflow1:{rootId}";
        root["nodeId"] = rootNodeId;
        root["activities"] ??= new JsonArray();
        root["connections"] ??= new JsonArray();
        root["variables"] ??= new JsonArray();
        var activities = root["activities"]!.AsArray().Select((node, i) => ReadActivity(node, i, rootNodeId, origin)).ToList();
        var definitionId = Text(model, "definitionId") ?? Path.GetFileNameWithoutExtension(origin);
        model["definitionId"] = definitionId;

        return new WorkflowDefinition
        {
            DefinitionId = definitionId,
            Name = Text(model, "name"),
            Description = Text(model, "description"),
            RootId = rootId,
            RootNodeId = rootNodeId,
            Variables = [.. ReadVariables(model["variables"]), .. ReadVariables(root["variables"])],
            Activities = activities,
            Connections = [.. root["connections"]!.AsArray().Select(node => ReadConnection(node, origin))],
            Model = model,
            Origin = origin,
        };
    }

    private ActivityNode ReadActivity(JsonNode? node, int index, string parentNodeId, string origin)
    {
        if (node is not JsonObject json || Text(json, "id") is not { Length: > 0 } id || Text(json, "type") is not { Length: > 0 } type)
        {
            throw Fail(origin, $"activities[{index}] needs an id and a type");
        }

        var nodeId = Text(json, "nodeId") ?? $"{parentNodeId}:{id}";
        json["nodeId"] = nodeId;
        var embedded = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var port in registry.Find(type)?.Ports.Where(p => p.Type == "Embedded") ?? [])
        {
            var property = JsonNamingPolicy.CamelCase.ConvertName(port.Name);
            if (json[property] is JsonObject child)
            {
                embedded[port.Name] = ReadActivity(child, index, nodeId, origin);
            }
        }

        var canStart = json["customProperties"]?["canStartWorkflow"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
        return new ActivityNode
        {
            Id = id,
            NodeId = nodeId,
            Name = Text(json, "name"),
            Type = type,
            Version = json["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 1,
            Json = json,
            Embedded = embedded,
            TriggerEventType = canStart ? InputExpression.Read(json, "eventName", isWrapped: true)?.Text : null,
        };
    }

    private static IEnumerable<VariableDefinition> ReadVariables(JsonNode? node) =>
        node is not JsonArray array ? [] : array.OfType<JsonObject>().Select(v => new VariableDefinition(
            Text(v, "id") ?? Text(v, "name") ?? "",
            Text(v, "name") ?? Text(v, "id") ?? "",
            Text(v, "typeName") ?? "Object",
            v["value"]?.DeepClone()));

    private static FlowConnection ReadConnection(JsonNode? node, string origin) =>
        node is JsonObject c && c["source"] is JsonObject s && c["target"] is JsonObject t
            ? new FlowConnection(Text(s, "activity") ?? "", Text(s, "port") ?? Outcome.DonePort, Text(t, "activity") ?? "", Text(t, "port") ?? "In")
            : throw Fail(origin, "a connection needs source and target");

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DefinitionException Fail(string origin, string message) => new(origin, [new DefinitionProblem(null, message)]);
}
