using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>The viewer's activity executions: a node's records, their summaries, one record, and the per-node counters.</summary>
internal static class ElsaExecutionEndpoints
{
    public static void MapElsaExecutionEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/activity-executions/list", ListAsync);
        elsa.MapGet("/activity-execution-summaries/list", SummariesAsync);
        elsa.MapGet("/activity-executions/by-id", ByIdAsync);
        elsa.MapPost("/activity-executions/report", ReportAsync);
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "WorkflowInstanceId")] string? instanceId, [FromQuery(Name = "ActivityNodeId")] string? nodeId,
        WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, ActivityRegistry registry, CancellationToken cancellationToken)
    {
        var (records, definition) = await ReadAsync(instanceId, nodeId, instances, definitions, cancellationToken);
        return ElsaJson.List(records.Select(r => ElsaExecutionViews.Record(r, definition, registry)).ToList());
    }

    private static async Task<IResult> SummariesAsync(
        [FromQuery(Name = "WorkflowInstanceId")] string? instanceId, [FromQuery(Name = "ActivityNodeId")] string? nodeId,
        WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        var (records, definition) = await ReadAsync(instanceId, nodeId, instances, definitions, cancellationToken);
        return ElsaJson.List(records.Select(r => ElsaExecutionViews.Summary(r, definition)).ToList());
    }

    private static async Task<IResult> ByIdAsync(
        string? id, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, ActivityRegistry registry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || await instances.FindExecutionAsync(id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        return ElsaJson.Ok(ElsaExecutionViews.Record(record, await DefinitionOfAsync(record.InstanceId, instances, definitions, cancellationToken), registry));
    }

    /// <summary>POST /activity-executions/report: the counters drawn on each node of the viewer.</summary>
    private static async Task<IResult> ReportAsync(ReportRequest? body, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body?.WorkflowInstanceId))
        {
            return Hosting.FieldErrors.One("workflowInstanceId", "is required");
        }

        var stats = await instances.ExecutionStatsAsync(body.WorkflowInstanceId, body.ActivityNodeIds, cancellationToken);
        return ElsaJson.Ok(new
        {
            stats = stats.Select(s => new
            {
                s.ActivityId,
                ActivityNodeId = s.NodeId,
                StartedCount = s.Started,
                CompletedCount = s.Completed,
                UncompletedCount = s.Started - s.Completed,
                IsBlocked = s.Running > 0,
                IsFaulted = s.Faulted > 0,
                Metadata = new JsonObject(),
            }).ToList(),
        });
    }

    private static async Task<(IReadOnlyList<ActivityExecutionRecord> Records, WorkflowDefinition? Definition)> ReadAsync(
        string? instanceId, string? nodeId, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            return ([], null);
        }

        var records = await instances.ExecutionsOfNodeAsync(instanceId, string.IsNullOrEmpty(nodeId) ? null : nodeId, cancellationToken);
        return (records, records.Count == 0 ? null : await DefinitionOfAsync(instanceId, instances, definitions, cancellationToken));
    }

    private static async Task<WorkflowDefinition?> DefinitionOfAsync(string instanceId, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, CancellationToken cancellationToken) =>
        await instances.FindAsync(instanceId, cancellationToken) is { } instance ? await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken) : null;
}

/// <summary>The body of the report call.</summary>
internal sealed record ReportRequest(string? WorkflowInstanceId, IReadOnlyList<string>? ActivityNodeIds);
