using System.Text.Json.Nodes;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// Elsa's alterations API as far as the hub alters instances: retrying faulted ones from their failed activity.
/// <c>/alterations/workflows/retry</c> takes instance ids; <c>/alterations/run</c> takes a plan whose alterations are
/// ScheduleActivity steps of the failed activity (anything else is answered as not applied, with the reason logged).
/// Each instance is retried on its own and the retry is journaled.
/// </summary>
internal static class ElsaAlterationEndpoints
{
    public const string ScheduleActivity = "ScheduleActivity";

    public static void MapElsaAlterationEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/alterations/workflows/retry", RetryAsync);
        elsa.MapPost("/alterations/run", RunAsync);
    }

    private static async Task<IResult> RetryAsync(
        ElsaRetryRequest? body, WorkflowInstanceStore instances, WorkflowEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body?.WorkflowInstanceIds is not { Count: > 0 } ids)
        {
            return Hosting.FieldErrors.One("workflowInstanceIds", "give at least one workflow instance id");
        }

        return ElsaJson.Ok(new { results = await RetryEachAsync(ids, body.ActivityIds, instances, engine, clock, cancellationToken) });
    }

    private static async Task<IResult> RunAsync(
        JsonObject? body, WorkflowInstanceStore instances, WorkflowEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Hosting.FieldErrors();
        var ids = (body?["workflowInstanceIds"] as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
        if (ids is not { Count: > 0 } || ids.Any(string.IsNullOrEmpty))
        {
            errors.Add("workflowInstanceIds", "give at least one workflow instance id");
        }

        var activityIds = new List<string>();
        var alterations = body?["alterations"] as JsonArray ?? [];
        for (var i = 0; i < alterations.Count; i++)
        {
            var type = alterations[i]?["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
            if (type != ScheduleActivity)
            {
                errors.Add($"alterations[{i}].type", $"must be {ScheduleActivity}: the hub alters a faulted instance only by retrying its failed activity");
            }
            else if (alterations[i]?["activityId"] is JsonValue a && a.TryGetValue<string>(out var activityId))
            {
                activityIds.Add(activityId);
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return ElsaJson.Ok(new { results = await RetryEachAsync(ids!.Cast<string>().ToList(), activityIds, instances, engine, clock, cancellationToken) });
    }

    // One result per instance, in Elsa's RunAlterationsResult shape.
    private static async Task<List<AlterationResultResponse>> RetryEachAsync(
        IReadOnlyList<string> ids, IReadOnlyCollection<string>? activityIds, WorkflowInstanceStore instances, WorkflowEngine engine, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var results = new List<AlterationResultResponse>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var incidents = await instances.IncidentsAsync(id, cancellationToken);
            var failed = incidents.Where(x => x.ResolvedAt is null).Select(x => x.ActivityId).Distinct(StringComparer.Ordinal).ToList();
            string message;
            var done = false;
            if (failed.Count == 0)
            {
                message = $"Workflow instance {id} is not faulted; nothing to retry.";
            }
            else if (activityIds is { Count: > 0 } && !activityIds.All(failed.Contains))
            {
                message = $"Workflow instance {id} can only be retried from its failed activity ({string.Join(", ", failed)}).";
            }
            else
            {
                done = await engine.RetryAsync(id, cancellationToken);
                message = done ? $"Retried activity {string.Join(", ", failed)} of workflow instance {id}." : $"Workflow instance {id} is not faulted; nothing to retry.";
            }

            var status = (await instances.FindAsync(id, cancellationToken))?.Status;
            var entry = new AlterationLogEntryResponse(message, done ? "Information" : "Warning", clock.GetUtcNow(), done ? "Retried" : null);
            results.Add(new AlterationResultResponse(id, new AlterationLogResponse([entry]), status is WorkflowStatus.Running, done));
        }

        return results;
    }
}

/// <summary>Elsa's retry request: the instances, and optionally the activities to retry (by default the failed ones).</summary>
internal sealed record ElsaRetryRequest(IReadOnlyList<string>? WorkflowInstanceIds, IReadOnlyList<string>? ActivityIds);

/// <summary>Elsa's RunAlterationsResult.</summary>
internal sealed record AlterationResultResponse(string WorkflowInstanceId, AlterationLogResponse Log, bool WorkflowHasScheduledWork, bool IsSuccessful);

/// <summary>Elsa's AlterationLog.</summary>
internal sealed record AlterationLogResponse(IReadOnlyList<AlterationLogEntryResponse> LogEntries);

/// <summary>Elsa's AlterationLogEntry.</summary>
internal sealed record AlterationLogEntryResponse(string Message, string LogLevel, DateTimeOffset Timestamp, string? EventName);
