using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// Fills in what Elsa Studio leaves out of a freshly dropped activity: it sends only id, name, type and designer
/// metadata, so the descriptor's input defaults are written in here (wrapped as the studio writes them, a Literal's
/// value as text), and a trigger with nothing before it is marked as able to start the workflow.
/// Values the studio did send are never changed. Node ids are filled in by the definition reader when the model is saved.
/// </summary>
internal static class ElsaModelDefaults
{
    public static void Apply(JsonObject model, ActivityRegistry registry)
    {
        if (model["root"] is not JsonObject root || root["activities"] is not JsonArray activities)
        {
            return;
        }

        var targets = (root["connections"] as JsonArray ?? [])
            .Select(c => c?["target"]?["activity"]?.GetValueKind() == JsonValueKind.String ? c["target"]!["activity"]!.GetValue<string>() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var activity in activities.OfType<JsonObject>())
        {
            if (activity["type"]?.GetValueKind() != JsonValueKind.String || registry.Find(activity["type"]!.GetValue<string>()) is not { } descriptor)
            {
                continue;
            }

            ApplyInputs(activity, descriptor);
            var id = activity["id"]?.GetValueKind() == JsonValueKind.String ? activity["id"]!.GetValue<string>() : "";
            ApplyCustomProperties(activity, descriptor, hasInbound: targets.Contains(id));
        }
    }

    private static void ApplyInputs(JsonObject activity, ActivityDescriptor descriptor)
    {
        foreach (var input in descriptor.Inputs)
        {
            if (input.DefaultValue is null || activity[input.JsonName] is not null)
            {
                continue;
            }

            activity[input.JsonName] = input.IsWrapped ? Wrapped(input) : input.DefaultValue.DeepClone();
        }
    }

    private static JsonObject Wrapped(InputDescriptor input)
    {
        var value = input.DefaultValue!;
        var isText = value.GetValueKind() == JsonValueKind.String;
        var type = input.DefaultSyntax == "Literal" && value is JsonObject or JsonArray ? "Object" : input.DefaultSyntax;
        return new JsonObject
        {
            ["typeName"] = input.TypeName,
            ["expression"] = new JsonObject { ["type"] = type, ["value"] = isText ? value.GetValue<string>() : value.ToJsonString() },
            ["memoryReference"] = null,
        };
    }

    private static void ApplyCustomProperties(JsonObject activity, ActivityDescriptor descriptor, bool hasInbound)
    {
        if (activity["customProperties"] is not JsonObject properties)
        {
            activity["customProperties"] = properties = [];
        }

        if (!properties.ContainsKey("canStartWorkflow"))
        {
            properties["canStartWorkflow"] = descriptor.Kind == ActivityKind.Trigger && !hasInbound;
        }

        if (!properties.ContainsKey("runAsynchronously"))
        {
            properties["runAsynchronously"] = false;
        }
    }
}
