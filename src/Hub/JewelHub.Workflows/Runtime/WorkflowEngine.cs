using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Starts instances and runs them step by step. The state after an activity with effects is committed before the
/// next activity runs, and every activity execution keeps the id it was scheduled with, so after a crash the replay
/// from the last commit repeats at most idempotent calls with the same keys.
/// </summary>
public sealed class WorkflowEngine(
    WorkflowDefinitionStore definitions,
    WorkflowInstanceStore instances,
    BookmarkStore bookmarks,
    WorkflowStepRunner steps,
    IOptions<WorkflowOptions> options,
    TimeProvider clock,
    ILogger<WorkflowEngine> logger)
{
    /// <summary>
    /// Creates a Running instance of a definition version, leased to the caller. With a trigger activity the flow starts
    /// there (the event completes it); otherwise at every activity without inbound connections. With
    /// an event position the start is the event's one effect on the definition: null when it already happened.
    /// </summary>
    public async Task<(string InstanceId, string LeaseId)?> StartAsync(StartRequest request, CancellationToken cancellationToken)
    {
        var (stored, definition) = await definitions.LoadVersionAsync(request.VersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {request.VersionId} does not exist.");
        var instanceId = Guid.NewGuid().ToString("N");
        var state = new InstanceState();
        var trigger = request.TriggerActivityId is { } id ? definition.Find(id) : null;
        foreach (var node in trigger is null ? new FlowScheduler(definition).Roots : [trigger])
        {
            var resume = node.TriggerEventType is { } eventType && request.Event is not null
                ? new ResumeSignal { Name = eventType, Event = request.Event.DeepClone() }
                : null;
            state.Schedule(instanceId, node.Id, resume);
        }

        var now = clock.GetUtcNow();
        var lease = WorkflowInstanceStore.NewLeaseId();
        var instance = new WorkflowInstance
        {
            Id = instanceId,
            DefinitionId = stored.DefinitionId,
            DefinitionVersionId = stored.Id,
            Version = stored.Version,
            Name = stored.Name,
            Status = WorkflowStatus.Running,
            CorrelationId = request.CorrelationId,
            Variables = WorkflowRun.InitialVariables(definition, request.Variables).ToJsonString(),
            State = state.ToJson(),
            TriggerEvent = request.Event?.ToJsonString(),
            LeaseId = lease,
            LeaseUntil = now + options.Value.LeaseDuration,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return await instances.CreateAsync(instance, request.EventSeq, cancellationToken) ? (instanceId, lease) : null;
    }

    /// <summary>
    /// Runs a leased instance until it suspends, finishes or faults. When it suspends on a correlated bookmark that an
    /// already received event matches, it resumes at once and goes on.
    /// </summary>
    public async Task RunAsync(string instanceId, string leaseId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        string? lease = leaseId;
        try
        {
            while (lease is not null)
            {
                var status = await RunLeasedAsync(instanceId, lease, cancellationToken);
                lease = status == WorkflowStatus.Suspended ? await ResumePendingAsync(instanceId, cancellationToken) : null;
            }
        }
        catch (LeaseLostException)
        {
            WorkflowsLog.LeaseLost(logger, instanceId);
        }
    }

    private async Task<WorkflowStatus?> RunLeasedAsync(string instanceId, string leaseId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken);
        if (instance is not { Status: WorkflowStatus.Running } || instance.LeaseId != leaseId)
        {
            return null;
        }

        var definition = await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {instance.DefinitionVersionId} is missing.");
        var run = new WorkflowRun(instance, definition, leaseId);
        var lease = options.Value.LeaseDuration;
        while (run.State.Queue.Count > 0)
        {
            var step = await steps.ExecuteAsync(run, run.State.Queue[0], cancellationToken);
            if (step == StepResult.Faulted)
            {
                await instances.CommitAsync(run.Snapshot(WorkflowStatus.Faulted, clock.GetUtcNow(), lease), cancellationToken);
                return WorkflowStatus.Faulted;
            }

            if (step == StepResult.Ended)
            {
                run.State.Queue.Clear();
                run.State.Waiting.Clear();
            }
            else if (step == StepResult.CommitNow)
            {
                await instances.CommitAsync(run.Snapshot(WorkflowStatus.Running, clock.GetUtcNow(), lease), cancellationToken);
            }
        }

        var final = run.State.Waiting.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
        await instances.CommitAsync(run.Snapshot(final, clock.GetUtcNow(), lease), cancellationToken);
        return final;
    }

    /// <summary>Resumes a suspended instance with the first already received event one of its bookmarks matches; returns the lease, or null.</summary>
    public async Task<string?> ResumePendingAsync(string instanceId, CancellationToken cancellationToken)
    {
        foreach (var (bookmark, eventSeq) in await bookmarks.PendingForAsync(instanceId, options.Value.PendingEventRetention, cancellationToken))
        {
            var received = await steps.ReadEventAsync(eventSeq, cancellationToken);
            var signal = new ResumeSignal { Name = bookmark.Name, Correlation = bookmark.Correlation, Event = received };
            if (await bookmarks.TryResumeAsync(bookmark, signal, eventSeq, options.Value.LeaseDuration, cancellationToken) is { } lease)
            {
                return lease;
            }
        }

        return null;
    }
}

/// <summary>What starts an instance: a definition version, the trigger activity and event, or run input variables.</summary>
public sealed record StartRequest
{
    public required string VersionId { get; init; }
    public string? TriggerActivityId { get; init; }

    /// <summary>The triggering event (CloudEvent JSON), or the run input.</summary>
    public JsonNode? Event { get; init; }
    public long? EventSeq { get; init; }
    public string? CorrelationId { get; init; }
    public JsonObject? Variables { get; init; }
}
