using System.Text.Json.Nodes;
using JewelHub.Hub.Api.Workflows;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>Activity execution records in Elsa's shape, from the runtime's execution rows.</summary>
internal static class ElsaExecutionViews
{
    /// <summary>The full record: evaluated inputs as activityState, the outcome ports as payload, outputs, exception.</summary>
    public static JsonObject Record(ActivityExecutionRecord record, WorkflowDefinition? definition)
    {
        var json = Summary(record, definition);
        json["activityState"] = Parse(record.Inputs) ?? new JsonObject();
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

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
