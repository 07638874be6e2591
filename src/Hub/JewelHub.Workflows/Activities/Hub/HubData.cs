using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Reads canonical event data given to a JewelHub activity, falling back to the data of the event that started the instance.</summary>
internal static class HubData
{
    /// <summary>The input's JSON, or the trigger event's data when the input is empty, read as <typeparamref name="T"/>.</summary>
    public static T Read<T>(ActivityContext context, Input<JsonNode?> input)
    {
        var node = context.Get(input) ?? context.Event?["data"];
        return node is null
            ? throw new InvalidOperationException($"{context.Ids.ActivityId} has no {typeof(T).Name}: give the input or start the workflow with the event.")
            : node.Deserialize<T>(EventJson.Options) ?? throw new InvalidOperationException($"{context.Ids.ActivityId}: the data is null.");
    }

    /// <summary>Null for an empty or missing text.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
