using System.Text.Json.Nodes;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>The editor's Run button: POST /workflow-definitions/{definitionId}/execute starts an instance and runs it until it waits or ends.</summary>
internal static class ElsaRunEndpoints
{
    public static void MapElsaRunEndpoints(this RouteGroupBuilder elsa) =>
        elsa.MapPost("/workflow-definitions/{definitionId}/execute", ExecuteAsync);

    /// <summary>
    /// The studio reads only the headers: the new instance id, and whether the workflow could start. The run goes on
    /// under the hub's lifetime, not the request's, so a closed browser does not leave it half-done. A run that
    /// faulted answers 500 with the same body, as Elsa does.
    /// </summary>
    private static async Task<IResult> ExecuteAsync(
        string definitionId,
        ExecuteRequest? body,
        HttpResponse response,
        WorkflowDefinitionStore definitions,
        WorkflowEngine engine,
        WorkflowInstanceStore instances,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var text = string.IsNullOrEmpty(body?.VersionOptions) ? null : body.VersionOptions;
        if (!VersionOptions.TryParse(text, VersionOptions.Published, out var options))
        {
            return Hosting.FieldErrors.One("versionOptions", $"'{text}' is not a version option");
        }

        if (await definitions.FindAsync(definitionId, options, cancellationToken) is not { } version)
        {
            return TypedResults.NotFound();
        }

        var started = await engine.StartAsync(new StartRequest
        {
            VersionId = version.Id,
            TriggerActivityId = string.IsNullOrEmpty(body?.TriggerActivityId) ? null : body.TriggerActivityId,
            Event = body?.Input?.DeepClone(),
            CorrelationId = body?.CorrelationId,
            Variables = body?.Variables?.DeepClone().AsObject(),
        }, cancellationToken);
        if (started is not { } run)
        {
            response.Headers[ElsaApi.CannotStartHeader] = bool.TrueString;
            return ElsaJson.Ok(new { workflowState = (JsonObject?)null });
        }

        await engine.RunAsync(run.InstanceId, run.LeaseId, lifetime.ApplicationStopping);
        var instance = (await instances.FindAsync(run.InstanceId, cancellationToken))!;
        var state = ElsaInstanceViews.WorkflowState(instance, await instances.IncidentsAsync(instance.Id, cancellationToken), await definitions.LoadAsync(version.Id, cancellationToken));
        response.Headers[ElsaApi.InstanceIdHeader] = instance.Id;
        response.Headers[ElsaApi.CannotStartHeader] = bool.FalseString;
        return TypedResults.Json(new { workflowState = state }, ElsaJson.Options,
            statusCode: instance.Status == WorkflowStatus.Faulted ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
    }
}

/// <summary>The body of execute: version options (default Published), correlation id, trigger activity, input and variables.</summary>
internal sealed record ExecuteRequest
{
    public string? CorrelationId { get; init; }
    public string? TriggerActivityId { get; init; }
    public string? VersionOptions { get; init; }
    public JsonNode? Input { get; init; }
    public JsonObject? Variables { get; init; }
}
