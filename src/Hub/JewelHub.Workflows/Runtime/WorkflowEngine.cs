using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Starts instances and runs them. A run up to the instance's next wait is one database transaction: the store effects
/// of its activities, its journal and its new state commit together or not at all, so a crash leaves the instance where
/// it last waited. When that cannot be (a fault, a store that undid its part, a call to another system) the run goes
/// step by step instead: the state after an activity with effects is committed before the next activity runs, and every
/// activity execution keeps the id it was scheduled with, so after a crash the replay from the last commit repeats at
/// most idempotent calls with the same keys.
/// </summary>
public sealed class WorkflowEngine(
    Database database,
    ActivityRegistry registry,
    WorkflowDefinitionStore definitions,
    WorkflowInstanceStore instances,
    BookmarkStore bookmarks,
    StepExecutor steps,
    IOptions<WorkflowOptions> options,
    TimeProvider clock,
    ILogger<WorkflowEngine> logger)
{
    /// <summary>
    /// Creates a Running instance of a definition version, leased to the caller. With a trigger activity the flow starts
    /// there (the event completes it); otherwise where Elsa starts a flowchart (<see cref="FlowScheduler.Start"/>). With
    /// an event position the start is the event's one effect on the definition: null when it already happened.
    /// </summary>
    public async Task<(string InstanceId, string LeaseId)?> StartAsync(StartRequest request, CancellationToken cancellationToken) =>
        await StartLeasedAsync(request, cancellationToken) is { } started ? (started.Id, started.LeaseId!) : null;

    /// <summary>As <see cref="StartAsync"/>, returning the created instance as written (its lease id is the caller's lease).</summary>
    public async Task<WorkflowInstance?> StartLeasedAsync(StartRequest request, CancellationToken cancellationToken)
    {
        var (stored, definition) = await definitions.LoadVersionAsync(request.VersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {request.VersionId} does not exist.");
        var instanceId = Guid.NewGuid().ToString("N");
        var state = new InstanceState();
        // As Elsa: an event starts the flow at the trigger it matched; anything else where the flowchart starts.
        var trigger = request.TriggerActivityId is { } id ? definition.Find(id) : null;
        if ((trigger ?? new FlowScheduler(definition).Start) is { } node)
        {
            var resume = node.TriggerEventType is { } eventType && request.Event is not null
                ? new ResumeSignal { Name = eventType, Event = request.Event.DeepClone() }
                : null;
            state.Schedule(instanceId, node.Id, resume);
        }

        state.EventInput = request.Event?["data"]?.DeepClone();

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
            Variables = RunState.InitialVariables(definition, request.Variables).ToJsonString(),
            State = state.ToJson(),
            TriggerEvent = request.Event?.ToJsonString(),
            LeaseId = lease,
            LeaseUntil = now + options.Value.LeaseDuration,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return await instances.CreateAsync(instance, request.EventSeq, cancellationToken) ? instance : null;
    }

    /// <summary>
    /// Runs a leased instance until it suspends, finishes or faults. When it suspends on a correlated bookmark that an
    /// already received event matches, it resumes at once and goes on.
    /// </summary>
    public Task RunAsync(string instanceId, string leaseId, CancellationToken cancellationToken) =>
        RunAsync(instanceId, leaseId, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string, string, CancellationToken)"/> for an instance the caller has just started or resumed:
    /// the run begins from the state the caller wrote instead of reading it back. The run's commit is fenced by the lease
    /// as always, so a change made in between by someone else (a cancel, an expired lease) still wins.
    /// </summary>
    public Task RunAsync(WorkflowInstance leased, CancellationToken cancellationToken) =>
        RunAsync(leased.Id, leased.LeaseId ?? throw new ArgumentException("The instance is not leased.", nameof(leased)), leased, cancellationToken);

    private async Task RunAsync(string instanceId, string leaseId, WorkflowInstance? known, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        string? lease = leaseId;
        try
        {
            while (lease is not null)
            {
                var (status, pending) = await RunLeasedAsync(instanceId, lease, known, cancellationToken);
                known = status == WorkflowStatus.Suspended ? await ResumePendingInstanceAsync(instanceId, pending, cancellationToken) : null;
                lease = known?.LeaseId;
            }
        }
        catch (LeaseLostException)
        {
            WorkflowsLog.LeaseLost(logger, instanceId);
        }
    }

    private async Task<RunDone> RunLeasedAsync(string instanceId, string leaseId, WorkflowInstance? known, CancellationToken cancellationToken)
    {
        if (options.Value.OneTransactionUntilWait && await RunInOneTransactionAsync(instanceId, leaseId, known, cancellationToken) is { } done)
        {
            return done;
        }

        return new RunDone(await RunStepByStepAsync(instanceId, leaseId, cancellationToken));
    }

    /// <summary>
    /// Runs the instance up to its next wait (or end) in one database transaction that every store effect joins, and
    /// commits once. Returns null when the run could not be completed that way: a step faulted, a store rolled its part
    /// back (e.g. out of stock) or the next activity calls another system. Everything not committed is then rolled
    /// back, and the caller goes on step by step from the last commit, where faults are retried and recorded.
    /// </summary>
    private async Task<RunDone?> RunInOneTransactionAsync(string instanceId, string leaseId, WorkflowInstance? known, CancellationToken cancellationToken)
    {
        await using var unit = await database.BeginUnitAsync(cancellationToken);
        try
        {
            var instance = known ?? await instances.FindAsync(instanceId, cancellationToken);
            if (instance is not { Status: WorkflowStatus.Running } || instance.LeaseId != leaseId)
            {
                return new RunDone(null);
            }

            var definition = await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken)
                ?? throw new InvalidOperationException($"Definition version {instance.DefinitionVersionId} is missing.");
            var run = new RunState(instance, definition, leaseId, options.Value.Scripts) { InOneTransaction = true, Unit = unit };
            var ranAny = false;
            while (run.State.Queue.Count > 0)
            {
                if (registry.Find(definition.Find(run.State.Queue[0].ActivityId)?.Type ?? "") is { ReachesOutside: true })
                {
                    if (!ranAny)
                    {
                        WorkflowsLog.RunsStepByStep(logger, instanceId, "its next activity calls another system");
                        return null;
                    }

                    // What ran so far commits; the call to the other system runs step by step after it.
                    await instances.WriteStepAsync(unit, run.Snapshot(WorkflowStatus.Running, clock.GetUtcNow(), options.Value.LeaseDuration), cancellationToken);
                    await unit.CommitAsync(cancellationToken);
                    return null;
                }

                var activityId = run.State.Queue[0].ActivityId;
                var step = await steps.ExecuteAsync(run, run.State.Queue[0], cancellationToken);
                ranAny = true;
                if (step == StepResult.Ended)
                {
                    run.State.Queue.Clear();
                    run.State.Waiting.Clear();
                }
            }

            var final = run.State.Waiting.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
            await instances.WriteStepAsync(unit, run.Snapshot(final, clock.GetUtcNow(), options.Value.LeaseDuration), cancellationToken);
            if (final != WorkflowStatus.Suspended)
            {
                await unit.CommitAsync(cancellationToken);
                return new RunDone(final);
            }

            // A suspended run looks for events that came before its bookmarks existed, after its COMMIT (on PostgreSQL in
            // the same round trip).
            var (sql, parameters) = bookmarks.PendingForQuery(instanceId, options.Value.PendingEventRetention);
            return new RunDone(final, await unit.CommitThenQueryAsync<BookmarkStore.PendingMatch>(SqlBatch.Empty, sql, parameters, cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not LeaseLostException)
        {
            // Not swallowed: the same steps run again step by step, where the fault is retried and recorded.
            WorkflowsLog.RunsStepByStep(logger, instanceId, exception.Message);
            return null;
        }
    }

    private async Task<WorkflowStatus?> RunStepByStepAsync(string instanceId, string leaseId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken);
        if (instance is not { Status: WorkflowStatus.Running } || instance.LeaseId != leaseId)
        {
            return null;
        }

        var definition = await definitions.LoadAsync(instance.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {instance.DefinitionVersionId} is missing.");
        var run = new RunState(instance, definition, leaseId, options.Value.Scripts);
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

    /// <summary>
    /// Retries a Faulted instance from its failed activity (the same execution id, so the same idempotency key) and runs
    /// it until it waits, ends or faults again; the retry is journaled. False when the instance was not Faulted.
    /// </summary>
    public async Task<bool> RetryAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await instances.RetryAsync(instanceId, options.Value.LeaseDuration, cancellationToken) is not { } lease)
        {
            return false;
        }

        await RunAsync(instanceId, lease, cancellationToken);
        return true;
    }

    /// <summary>Retries the instances one after another (each a retry of its own, journaled); answers the ids retried.</summary>
    public async Task<IReadOnlyList<string>> RetryManyAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var retried = new List<string>();
        foreach (var id in instanceIds)
        {
            if (await RetryAsync(id, cancellationToken))
            {
                retried.Add(id);
            }
        }

        return retried;
    }

    /// <summary>Resumes a suspended instance with the first already received event one of its bookmarks matches; returns the lease, or null.</summary>
    public async Task<string?> ResumePendingAsync(string instanceId, CancellationToken cancellationToken) =>
        (await ResumePendingInstanceAsync(instanceId, null, cancellationToken))?.LeaseId;

    // With the pending matches already read (after the run's commit), or reading them now.
    private async Task<WorkflowInstance?> ResumePendingInstanceAsync(string instanceId, IReadOnlyList<BookmarkStore.PendingMatch>? read, CancellationToken cancellationToken)
    {
        var pending = read is null
            ? await bookmarks.PendingForAsync(instanceId, options.Value.PendingEventRetention, cancellationToken)
            : [.. read.Select(row => row.ToTuple())];
        foreach (var (bookmark, eventSeq, body) in pending)
        {
            var signal = new ResumeSignal { Name = bookmark.Name, Correlation = bookmark.Correlation, Event = body is null ? null : JsonNode.Parse(body) };
            if (await bookmarks.TryResumeAsync(bookmark, signal, eventSeq, options.Value.LeaseDuration, cancellationToken) is { } resumed)
            {
                return resumed;
            }
        }

        return null;
    }
}

/// <summary>
/// How a run ended: the instance's status, or null when it was not this run's to run; for a suspended run, the pending
/// events its commit already read (null when they are still to be read).
/// </summary>
internal sealed record RunDone(WorkflowStatus? Status, IReadOnlyList<BookmarkStore.PendingMatch>? Pending = null);

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
