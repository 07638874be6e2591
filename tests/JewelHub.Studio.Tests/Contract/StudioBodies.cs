using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>The request bodies the genuine studio sent when saving (Contract/Examples/observed_save_bodies.json).</summary>
internal static class StudioBodies
{
    /// <summary>Observed save #index as sent: 0 = edit of v1 with a dropped activity, 1 = save of v2, 2 = publish of v2, 3 = create.</summary>
    public static JsonObject Observed(int index) => ContractShape.Example("observed_save_bodies.json").AsArray()[index]!.DeepClone().AsObject();

    /// <summary>
    /// Observed save #index, with the activity types the stub backend invented (and the hub does not have) replaced by
    /// Elsa.WriteLine writing the original type name, their special ports by "Done". Everything the studio writes around
    /// them (wrapped Literal inputs, designer metadata, a freshly dropped activity, variables) stays as sent.
    /// </summary>
    public static JsonObject Runnable(int index, ActivityRegistry registry, string definitionId)
    {
        var body = Observed(index);
        var model = body["model"]!.AsObject();
        model["definitionId"] = definitionId;
        var root = model["root"]!.AsObject();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in root["activities"]!.AsArray().OfType<JsonObject>())
        {
            var type = activity["type"]!.GetValue<string>();
            if (registry.Find(type) is not null && !type.StartsWith("JewelHub.", StringComparison.Ordinal))
            {
                continue;
            }

            replaced.Add(activity["id"]!.GetValue<string>());
            activity["type"] = "Elsa.WriteLine";
            activity["text"] = new JsonObject
            {
                ["typeName"] = "String",
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "was " + type },
                ["memoryReference"] = null,
            };
        }

        foreach (var connection in root["connections"]!.AsArray().OfType<JsonObject>())
        {
            if (replaced.Contains(connection["source"]!["activity"]!.GetValue<string>()))
            {
                connection["source"]!["port"] = "Done";
            }
        }

        return body;
    }
}
