using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>Workflow instances for the studio's instance list and viewer: list, read, variables, execution state, cancel.</summary>
internal static class ElsaInstanceEndpoints
{
    public static void MapElsaInstanceEndpoints(this RouteGroupBuilder elsa)
    {
        var group = elsa.MapGroup("/workflow-instances");
        group.MapPost("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/variables", VariablesAsync);
        group.MapGet("/{id}/execution-state", ExecutionStateAsync);
        elsa.MapPost("/cancel/workflow-instances/{id}", CancelAsync);
        elsa.MapPost("/cancel/workflow-instances", CancelManyAsync);
    }

    /// <summary>POST /workflow-instances: a filtered, ordered page (newest first unless asked otherwise).</summary>
    private static async Task<IResult> ListAsync(InstanceListRequest? body, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        var request = body ?? new InstanceListRequest();
        var definitionIds = new List<string>(request.DefinitionIds ?? []);
        if (!string.IsNullOrEmpty(request.DefinitionId))
        {
            definitionIds.Add(request.DefinitionId);
        }

        var (items, total) = await instances.ListSummariesAsync(new InstanceListQuery
        {
            SearchTerm = request.SearchTerm,
            DefinitionIds = definitionIds,
            CorrelationId = request.CorrelationId,
            Version = request.Version,
            HasIncidents = request.HasIncidents,
            Statuses = ElsaInstanceViews.Statuses(Merge(request.Statuses, request.Status), Merge(request.SubStatuses, request.SubStatus)),
            OrderBy = request.OrderBy,
            Descending = !string.Equals(request.OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase),
            Page = request.Page ?? 0,
            PageSize = request.PageSize ?? 10,
        }, cancellationToken);
        return request.IsSystem == true
            ? ElsaJson.Ok(new PagedResponse<ElsaInstanceSummaryResponse>([], 0))
            : ElsaJson.Ok(new PagedResponse<ElsaInstanceSummaryResponse>([.. items.Select(ElsaInstanceViews.Summary)], total));
    }

    /// <summary>GET /workflow-instances/{id}: the summary fields plus workflowState.</summary>
    private static async Task<IResult> GetAsync(string id, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var incidents = await instances.IncidentsAsync(id, cancellationToken);
        var definition = await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken);
        var view = System.Text.Json.JsonSerializer.SerializeToNode(ElsaInstanceViews.Summary(ElsaInstanceViews.Summary(instance)), ElsaJson.Options)!.AsObject();
        view["workflowState"] = ElsaInstanceViews.WorkflowState(instance, incidents, definition);
        view["isSystem"] = false;
        return ElsaJson.Ok(view);
    }

    /// <summary>GET /workflow-instances/{id}/variables: the definition's variables (by id and name) with the instance's values.</summary>
    private static async Task<IResult> VariablesAsync(string id, WorkflowInstanceStore instances, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var values = JsonNode.Parse(instance.Variables) as JsonObject ?? [];
        var declared = (await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken))?.Variables ?? [];
        var items = declared.Select(v => new InstanceVariableResponse(v.Id, v.Name, values[v.Name]?.DeepClone()))
            .Concat(values.Where(p => declared.All(v => v.Name != p.Key)).Select(p => new InstanceVariableResponse(p.Key, p.Key, p.Value?.DeepClone())))
            .ToList();
        return ElsaJson.List(items);
    }

    private static async Task<IResult> ExecutionStateAsync(string id, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        var (status, subStatus) = ElsaInstanceViews.Status(instance.Status);
        return ElsaJson.Ok(new { status, workflowSubStatus = subStatus, instance.UpdatedAt });
    }

    /// <summary>POST /cancel/workflow-instances/{id}: a Running, Suspended or Faulted instance is cancelled (journaled); 409 when it already ended.</summary>
    private static async Task<IResult> CancelAsync(string id, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return await instances.CancelAsync(id, "Cancelled in Elsa Studio", cancellationToken)
            ? TypedResults.Ok()
            : TypedResults.Problem(statusCode: 409, title: "The instance has already ended", detail: $"Instance {id} is Finished or Cancelled.");
    }

    private static async Task<IResult> CancelManyAsync(CancelInstancesRequest? body, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        foreach (var id in body?.Ids ?? [])
        {
            cancelled += await instances.CancelAsync(id, "Cancelled in Elsa Studio", cancellationToken) ? 1 : 0;
        }

        return ElsaJson.Ok(new { cancelledCount = cancelled });
    }

    private static List<string> Merge(IReadOnlyList<string>? many, string? one) =>
        [.. many ?? [], .. string.IsNullOrEmpty(one) ? Array.Empty<string>() : [one]];
}

/// <summary>The body of POST /workflow-instances as the studio sends it.</summary>
internal sealed record InstanceListRequest
{
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    public string? SearchTerm { get; init; }
    public string? DefinitionId { get; init; }
    public IReadOnlyList<string>? DefinitionIds { get; init; }
    public string? CorrelationId { get; init; }
    public int? Version { get; init; }
    public bool? HasIncidents { get; init; }
    public bool? IsSystem { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Statuses { get; init; }
    public string? SubStatus { get; init; }
    public IReadOnlyList<string>? SubStatuses { get; init; }
    public string? OrderBy { get; init; }
    public string? OrderDirection { get; init; }
}

/// <summary>The body of the bulk cancel.</summary>
internal sealed record CancelInstancesRequest(IReadOnlyList<string>? Ids);

/// <summary>One variable of an instance.</summary>
internal sealed record InstanceVariableResponse(string Id, string Name, JsonNode? Value);
