using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace JewelHub.Workflows.Runtime;

/// <summary>How a step ended, and so what the engine does next.</summary>
public enum StepResult
{
    /// <summary>Go on; nothing outside the instance changed.</summary>
    Continue,

    /// <summary>Go on after committing: the activity had effects (or suspended).</summary>
    CommitNow,

    /// <summary>The flow reached an End activity.</summary>
    Ended,

    /// <summary>The activity failed after its retries; the instance becomes Faulted.</summary>
    Faulted,
}

/// <summary>Executes the step at the head of a run's queue and records it in the journal, the executions and the bookmarks.</summary>
public sealed class StepExecutor(ActivityRegistry registry, ActivityInvoker invoker, TimeProvider clock, ILogger<StepExecutor> logger)
{
    /// <summary>Runs <paramref name="work"/> (the head of the queue) and updates the run.</summary>
    public async Task<StepResult> ExecuteAsync(RunState run, ScheduledWork work, CancellationToken cancellationToken)
    {
        var node = run.Definition.Find(work.ActivityId) ?? throw new InvalidOperationException($"Activity {work.ActivityId} is not in the definition.");
        var descriptor = registry.Find(node.Type)!;
        var startedAt = clock.GetUtcNow();
        Journal(run, work, node, work.Resume is null ? "Started" : "Resumed", null, work.Resume is null ? null : new JsonObject { ["bookmark"] = work.Resume.Name });
        ActivityResult result;
        try
        {
            result = await invoker.InvokeAsync(run, node, work, cancellationToken);
            if (result.Outcome.Ports.Count == 1 && descriptor.Ports.Any(p => p.Type == "Embedded" && p.Name == result.Outcome.Ports[0]))
            {
                result = node.Embedded.TryGetValue(result.Outcome.Ports[0], out var child)
                    ? await RunEmbeddedAsync(run, work, child, result, cancellationToken)
                    : result with { Outcome = Outcome.Done };
            }
        }
        catch (Exception exception) when (!run.InOneTransaction && exception is not OperationCanceledException and not LeaseLostException)
        {
            Fault(run, work, node, startedAt, exception);
            return StepResult.Faulted;
        }

        run.State.Queue.RemoveAt(0);
        run.State.Outputs[node.Id] = result.Outputs;
        if (work.Resume?.Event is { } arrived)
        {
            // A resumed run reads the event that resumed it as a started run reads the one that started it.
            run.State.EventInput = arrived["data"]?.DeepClone();
        }

        if (result.Outputs.TryGetPropertyValue("Result", out var last))
        {
            run.State.LastResult = last?.DeepClone();
        }
        var outcome = result.Outcome;
        if (outcome.IsSuspended)
        {
            Suspend(run, work, node, startedAt, result);
            return StepResult.CommitNow;
        }

        var payload = new JsonObject { ["outcomes"] = new JsonArray([.. outcome.Ports.Select(p => (JsonNode)p)]), ["data"] = WorkflowJson.ToNode(outcome.Payload) };
        Journal(run, work, node, "Completed", string.Join(',', outcome.Ports), payload);
        run.Commit.Executions.Add(Execution(run, work, node, startedAt, result, "Completed", null));
        if (outcome.EndsFlow)
        {
            return StepResult.Ended;
        }

        run.Scheduler.Complete(node, outcome.Ports, run.State, run.InstanceId);
        return descriptor.HasEffects ? StepResult.CommitNow : StepResult.Continue;
    }

    private async Task<ActivityResult> RunEmbeddedAsync(RunState run, ScheduledWork parent, ActivityNode child, ActivityResult result, CancellationToken cancellationToken)
    {
        var work = new ScheduledWork(run.State.NextExecutionId(run.InstanceId), child.Id);
        var startedAt = clock.GetUtcNow();
        Journal(run, work, child, "Started", null, null);
        var childResult = await invoker.InvokeAsync(run, child, work, cancellationToken);
        if (childResult.Outcome.IsSuspended)
        {
            throw new InvalidOperationException($"Activity {child.Id} in {parent.ActivityId}'s {result.Outcome.Ports[0]} slot cannot wait on a bookmark.");
        }

        Journal(run, work, child, "Completed", string.Join(',', childResult.Outcome.Ports), null);
        run.Commit.Executions.Add(Execution(run, work, child, startedAt, childResult, "Completed", null));
        return result with { Outcome = Outcome.Done };
    }

    private void Suspend(RunState run, ScheduledWork work, ActivityNode node, DateTimeOffset startedAt, ActivityResult result)
    {
        var now = clock.GetUtcNow();
        run.State.Waiting[work.ExecutionId] = node.Id;
        foreach (var request in result.Outcome.Bookmarks)
        {
            var bookmark = BookmarkStore.Create(run.InstanceId, work, request, now);
            run.Commit.Bookmarks.Add(bookmark);
            if (request.DueAt is { } dueAt)
            {
                run.Commit.Timers.Add(new TimerRecord
                {
                    Id = bookmark.Id,
                    InstanceId = run.InstanceId,
                    ActivityExecutionId = work.ExecutionId,
                    BookmarkId = bookmark.Id,
                    DueAt = dueAt,
                });
            }
        }

        var names = new JsonArray([.. result.Outcome.Bookmarks.Select(b => (JsonNode)$"{b.Name}:{b.Correlation}")]);
        Journal(run, work, node, "Suspended", null, new JsonObject { ["bookmarks"] = names });
        run.Commit.Executions.Add(Execution(run, work, node, startedAt, result, "Running", null));
    }

    // The stack trace goes to the log under the incident's id; the journal, the execution and the incident keep the
    // activity, a message for people and the incident id only (FaultText).
    private void Fault(RunState run, ScheduledWork work, ActivityNode node, DateTimeOffset startedAt, Exception exception)
    {
        var incidentId = Guid.NewGuid().ToString("N");
        WorkflowsLog.ActivityFaulted(logger, exception, run.InstanceId, node.Id, incidentId);
        var now = clock.GetUtcNow();
        var message = FaultText.Message(exception);
        run.State.FaultedExecutionId = work.ExecutionId;
        Journal(run, work, node, "Faulted", null, new JsonObject { ["incidentId"] = incidentId, ["message"] = message });
        run.Commit.Executions.Add(Execution(run, work, node, startedAt, null, "Faulted", $"{message} (incident {incidentId})"));
        run.Commit.Incidents.Add(new IncidentRecord
        {
            Id = incidentId,
            InstanceId = run.InstanceId,
            ActivityId = node.Id,
            ActivityExecutionId = work.ExecutionId,
            ExceptionType = FaultText.Kind(exception),
            Message = message,
            At = now,
        });
    }

    private void Journal(RunState run, ScheduledWork work, ActivityNode node, string eventName, string? outcome, JsonObject? payload) =>
        run.Commit.Journal.Add(new JournalRecord
        {
            InstanceId = run.InstanceId,
            ActivityExecutionId = work.ExecutionId,
            ActivityId = node.Id,
            NodeId = node.NodeId,
            ActivityType = node.Type,
            EventName = eventName,
            Outcome = outcome,
            Payload = payload?.ToJsonString(),
            At = clock.GetUtcNow(),
        });

    private ActivityExecutionRecord Execution(RunState run, ScheduledWork work, ActivityNode node, DateTimeOffset startedAt, ActivityResult? result, string status, string? exception) => new()
    {
        Id = work.ExecutionId,
        InstanceId = run.InstanceId,
        ActivityId = node.Id,
        NodeId = node.NodeId,
        ActivityType = node.Type,
        Status = status,
        Inputs = result?.Inputs.ToJsonString(),
        Outputs = result?.Outputs.ToJsonString(),
        Outcome = result is null ? null : string.Join(',', result.Outcome.Ports),
        Exception = exception,
        StartedAt = startedAt,
        CompletedAt = status == "Running" ? null : clock.GetUtcNow(),
    };
}
