using System.Globalization;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>The viewer's journal: POST with a filter by node, activity type and event, and GET without one.</summary>
internal static class ElsaJournalEndpoints
{
    public static void MapElsaJournalEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-instances/{id}/journal", FilteredAsync);
        elsa.MapGet("/workflow-instances/{id}/journal", AllAsync);
    }

    private static Task<IResult> FilteredAsync(
        string id, JournalRequest? body, int? skip, int? take, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, ActivityRegistry registry,
        CancellationToken cancellationToken)
    {
        var filter = body?.Filter;
        return ReadAsync(id, new JournalFilter
        {
            ActivityIds = filter?.ActivityIds,
            NodeIds = filter?.ActivityNodeIds,
            ExcludedActivityTypes = filter?.ExcludedActivityTypes,
            EventNames = filter?.EventNames,
        }, skip, take, instances, definitions, registry, cancellationToken);
    }

    private static Task<IResult> AllAsync(
        string id, int? skip, int? take, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, ActivityRegistry registry, CancellationToken cancellationToken) =>
        ReadAsync(id, new JournalFilter(), skip, take, instances, definitions, registry, cancellationToken);

    private static async Task<IResult> ReadAsync(
        string id, JournalFilter filter, int? skip, int? take, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, ActivityRegistry registry,
        CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var definition = await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken);
        var (entries, total) = await instances.JournalAsync(id, filter, skip ?? 0, take ?? 100, cancellationToken);
        return ElsaJson.Ok(new PagedResponse<JsonObject>([.. entries.Select(e => Record(e, instance, definition, registry))], total));
    }

    /// <summary>
    /// One Elsa execution log record. Activity lines hang under the instance (the flowchart's own execution); lines of
    /// the instance itself (Cancelled, Retried) name the flowchart.
    /// </summary>
    private static JsonObject Record(JournalRecord entry, WorkflowInstance instance, WorkflowDefinition? definition, ActivityRegistry registry)
    {
        var node = entry.ActivityId is null ? null : definition?.Find(entry.ActivityId);
        var payload = JsonNode.Parse(entry.Payload ?? "{}") as JsonObject ?? [];
        if (payload.Remove("outcomes", out var outcomes))
        {
            payload["Outcomes"] = outcomes;
        }

        return new JsonObject
        {
            ["id"] = entry.Seq.ToString(CultureInfo.InvariantCulture),
            ["activityInstanceId"] = entry.ActivityExecutionId ?? instance.Id,
            ["parentActivityInstanceId"] = entry.ActivityExecutionId is null ? null : instance.Id,
            ["activityId"] = entry.ActivityId ?? definition?.RootId,
            ["activityType"] = entry.ActivityType ?? ActivityRegistry.FlowchartType,
            ["activityTypeVersion"] = node?.Version ?? 1,
            ["activityName"] = node?.Name ?? entry.ActivityId ?? definition?.RootId,
            ["nodeId"] = entry.NodeId ?? definition?.RootNodeId,
            ["timestamp"] = entry.At,
            ["sequence"] = entry.Seq,
            ["eventName"] = entry.EventName,
            ["message"] = payload["message"]?.DeepClone(),
            ["source"] = null,
            ["activityState"] = ElsaExecutionViews.ActivityState(entry.Inputs, entry.ActivityType, registry),
            ["payload"] = payload.Count == 0 ? null : payload,
        };
    }
}

/// <summary>The body of the filtered journal call.</summary>
internal sealed record JournalRequest(JournalFilterRequest? Filter);

/// <summary>Which journal lines the viewer wants.</summary>
internal sealed record JournalFilterRequest(
    IReadOnlyList<string>? ActivityIds, IReadOnlyList<string>? ActivityNodeIds, IReadOnlyList<string>? ExcludedActivityTypes, IReadOnlyList<string>? EventNames);
