using System.Text.Json.Nodes;
using JewelHub.Hub.Hosting;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>/api/workflows: definitions, running one, instances with their journal, retry and cancel.</summary>
public static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");
        group.MapGet("/definitions", ListDefinitionsAsync).WithName("ListWorkflowDefinitions");
        group.MapGet("/definitions/{definitionId}", GetDefinitionAsync).WithName("GetWorkflowDefinition");
        group.MapPost("/definitions/{definitionId}/run", RunAsync).WithName("RunWorkflow");
        group.MapGet("/instances", ListInstancesAsync).WithName("ListWorkflowInstances")
            .Produces<IReadOnlyList<InstanceSummaryResponse>>().ProducesValidationProblem();
        group.MapGet("/instances/{id}", GetInstanceAsync).WithName("GetWorkflowInstance");
        group.MapPost("/instances/{id}/retry", RetryAsync).WithName("RetryWorkflowInstance");
        group.MapPost("/instances/retry", RetryManyAsync).WithName("RetryWorkflowInstances")
            .Produces<RetryResponse>().ProducesValidationProblem();
        group.MapPost("/instances/{id}/cancel", CancelAsync).WithName("CancelWorkflowInstance");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<DefinitionSummaryResponse>>> ListDefinitionsAsync(
        WorkflowDefinitionStore definitions, string? versionOptions, CancellationToken cancellationToken)
    {
        VersionOptions.TryParse(versionOptions, new VersionOptions(VersionSelection.LatestOrPublished), out var options);
        var page = await definitions.ListAsync(new DefinitionQuery { VersionOptions = options, PageSize = 1000 }, cancellationToken);
        var rows = new List<DefinitionSummaryResponse>(page.Items.Count);
        foreach (var item in page.Items)
        {
            rows.Add(DefinitionSummaryResponse.From(item, await definitions.LoadAsync(item.Id, cancellationToken)));
        }

        return TypedResults.Ok<IReadOnlyList<DefinitionSummaryResponse>>(rows);
    }

    private static async Task<Results<Ok<JsonObject>, NotFound>> GetDefinitionAsync(
        string definitionId, WorkflowDefinitionStore definitions, string? versionOptions, CancellationToken cancellationToken)
    {
        VersionOptions.TryParse(versionOptions, VersionOptions.Latest, out var options);
        return await definitions.FindAsync(definitionId, options, cancellationToken) is { } found
            ? TypedResults.Ok(found.ModelWithIdentity())
            : TypedResults.NotFound();
    }

    /// <summary>Starts the published (else latest) version with the input as its trigger's event data and runs it until it waits or ends.</summary>
    private static async Task<Results<Created<InstanceDetailsResponse>, NotFound>> RunAsync(
        string definitionId, RunRequest? body, WorkflowDefinitionStore definitions, WorkflowInstanceStore instances, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var version = await definitions.FindAsync(definitionId, VersionOptions.Published, cancellationToken)
            ?? await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken);
        if (version is null)
        {
            return TypedResults.NotFound();
        }

        var input = new JsonObject { ["type"] = "workflow.run", ["data"] = body?.Input?.DeepClone() };
        var started = (await engine.StartAsync(new StartRequest { VersionId = version.Id, Event = input, Variables = body?.Variables, CorrelationId = body?.CorrelationId }, cancellationToken))!.Value;
        await engine.RunAsync(started.InstanceId, started.LeaseId, cancellationToken);
        var details = await DetailsAsync(instances, started.InstanceId, cancellationToken);
        return TypedResults.Created($"/api/workflows/instances/{started.InstanceId}", details!);
    }

    private static async Task<IResult> ListInstancesAsync(
        HttpRequest request, WorkflowInstanceStore instances, string? definitionId, WorkflowStatus? status, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        // The framework also reads a status given as its number ("0", "-1"); only the names are part of the API.
        if (status is { } given && (!Enum.IsDefined(given) || int.TryParse(request.Query["status"], out _)))
        {
            errors.Add("status", $"must be one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}");
        }

        if (skip is < 0)
        {
            errors.Add("skip", "must be 0 or more");
        }

        if (take is < 1 or > 1000)
        {
            errors.Add("take", "must be between 1 and 1000");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (items, _) = await instances.ListAsync(definitionId, status, skip ?? 0, take ?? 100, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InstanceSummaryResponse>>([.. items.Select(InstanceSummaryResponse.From)]);
    }

    private static async Task<Results<Ok<InstanceDetailsResponse>, NotFound>> GetInstanceAsync(string id, WorkflowInstanceStore instances, CancellationToken cancellationToken) =>
        await DetailsAsync(instances, id, cancellationToken) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    /// <summary>Runs a Faulted instance again from the failed activity, with the same execution id and so the same idempotency key.</summary>
    private static async Task<Results<Ok<InstanceDetailsResponse>, NotFound, ProblemHttpResult>> RetryAsync(
        string id, WorkflowInstanceStore instances, WorkflowEngine engine, IOptions<WorkflowOptions> options, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (await instances.RetryAsync(id, options.Value.LeaseDuration, cancellationToken) is not { } lease)
        {
            return Conflict("status", "only a Faulted instance can be retried");
        }

        await engine.RunAsync(id, lease, cancellationToken);
        return TypedResults.Ok((await DetailsAsync(instances, id, cancellationToken))!);
    }

    /// <summary>Retries the Faulted instances the request names or selects, one after another, each from its failed activity.</summary>
    private static async Task<IResult> RetryManyAsync(
        RetryRequest? body, WorkflowInstanceStore instances, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (body is null || (body.InstanceIds is not { Count: > 0 } && body.DefinitionId is null && body.IncidentType is null
                && body.FaultedFrom is null && body.FaultedTo is null))
        {
            errors.Add("instanceIds", "give the instances to retry, or at least one of definitionId, incidentType, faultedFrom and faultedTo");
        }
        else if (body is { FaultedFrom: { } from, FaultedTo: { } to } && from >= to)
        {
            errors.Add("faultedTo", "must be later than faultedFrom");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var retried = await engine.RetryManyAsync(await instances.FaultedAsync(body!.ToFilter(), cancellationToken), cancellationToken);
        var results = new List<RetriedInstanceResponse>(retried.Count);
        foreach (var id in retried)
        {
            results.Add(new RetriedInstanceResponse(id, (await instances.FindAsync(id, cancellationToken))?.Status.ToString() ?? "Unknown"));
        }

        return TypedResults.Ok(new RetryResponse(results));
    }

    private static async Task<Results<Ok<InstanceDetailsResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        string id, CancelRequest? body, WorkflowInstanceStore instances, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (!await instances.CancelAsync(id, body?.Reason, cancellationToken))
        {
            return Conflict("status", "a Finished or Cancelled instance cannot be cancelled");
        }

        return TypedResults.Ok((await DetailsAsync(instances, id, cancellationToken))!);
    }

    private static async Task<InstanceDetailsResponse?> DetailsAsync(WorkflowInstanceStore instances, string id, CancellationToken cancellationToken)
    {
        if (await instances.FindAsync(id, cancellationToken) is not { } instance)
        {
            return null;
        }

        var journal = await instances.JournalAsync(id, 0, 10_000, cancellationToken);
        return new InstanceDetailsResponse(
            InstanceSummaryResponse.From(instance),
            JsonNode.Parse(instance.Variables),
            [.. journal.Select(JournalEntryResponse.From)],
            [.. (await instances.ExecutionsAsync(id, cancellationToken)).Select(FaultViews.Execution)],
            [.. (await instances.IncidentsAsync(id, cancellationToken)).Select(IncidentResponse.From)]);
    }

    private static ProblemHttpResult Conflict(string field, string message) =>
        TypedResults.Problem(title: "Conflict", detail: $"{field}: {message}", statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
