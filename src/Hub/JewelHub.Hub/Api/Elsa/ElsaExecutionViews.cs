using System.Text.Json.Nodes;
using JewelHub.Hub.Api.Workflows;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>Activity execution records in Elsa's shape, from the runtime's execution rows.</summary>
internal static class ElsaExecutionViews
{
    /// <summary>The full record: evaluated inputs as activityState, the outcome ports as payload, outputs, exception.</summary>
    public static JsonObject Record(ActivityExecutionRecord record, WorkflowDefinition? definition, ActivityRegistry registry)
    {
        var json = Summary(record, definition);
        json["activityState"] = ActivityState(record.Inputs, record.ActivityType, registry) ?? new JsonObject();
        json["payload"] = record.Outcome is null ? new JsonObject() : new JsonObject { ["Outcomes"] = new JsonArray([.. record.Outcome.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => (JsonNode)p)]) };
        json["outputs"] = Parse(record.Outputs) ?? new JsonObject();
        json["properties"] = new JsonObject();
        json["exception"] = record.Exception is null ? null : ElsaInstanceViews.Exception(FaultViews.Message(record.Exception));
        json["schedulingActivityExecutionId"] = null;
        json["schedulingActivityId"] = null;
        json["schedulingWorkflowInstanceId"] = null;
        json["callStackDepth"] = 0;
        return json;
    }

    /// <summary>The summary: identity, status and times.</summary>
    public static JsonObject Summary(ActivityExecutionRecord record, WorkflowDefinition? definition)
    {
        var node = definition?.Find(record.ActivityId);
        return new JsonObject
        {
            ["id"] = record.Id,
            ["workflowInstanceId"] = record.InstanceId,
            ["activityId"] = record.ActivityId,
            ["activityNodeId"] = record.NodeId,
            ["activityType"] = record.ActivityType,
            ["activityTypeVersion"] = node?.Version ?? 1,
            ["activityName"] = node?.Name ?? record.ActivityId,
            ["startedAt"] = record.StartedAt,
            ["hasBookmarks"] = record.Status == "Running",
            ["status"] = record.Status,
            ["aggregateFaultCount"] = record.Status == "Faulted" ? 1 : 0,
            ["completedAt"] = record.CompletedAt,
            ["metadata"] = new JsonObject(),
        };
    }

    /// <summary>
    /// The evaluated inputs keyed as Elsa keys an activity's state: by the input's name (Text, EventName), not by its JSON
    /// property (text, eventName). The viewer's State panel looks each input up by its descriptor's name, so other keys
    /// show as empty values. The runtime keeps them by JSON property; an input no descriptor names keeps its key.
    /// </summary>
    public static JsonObject? ActivityState(string? inputs, string? activityType, ActivityRegistry registry)
    {
        if (Parse(inputs) is not JsonObject stored)
        {
            return null;
        }

        var names = (activityType is null ? null : registry.Find(activityType))?.Inputs.ToDictionary(i => i.JsonName, i => i.Name, StringComparer.Ordinal);
        var state = new JsonObject();
        foreach (var (key, value) in stored)
        {
            state[names?.GetValueOrDefault(key) ?? key] = value?.DeepClone();
        }

        return state;
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
