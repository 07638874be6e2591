using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Events;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Reads the hub's event log after a persisted cursor. Each event starts every published definition it triggers and
/// resumes every instance whose bookmark it matches; each (event, definition) and (event, instance) happens once, so a
/// re-read after a crash or a redelivered event has no second effect. Correlated events are also kept as pending, so an
/// instance that bookmarks them only later (payment before the bill was issued) still receives them.
/// </summary>
public sealed class WorkflowTriggerLoop(
    EventStore events,
    WorkflowCursorStore cursors,
    WorkflowDefinitionStore definitions,
    BookmarkStore bookmarks,
    WorkflowEngine engine,
    RunWorkerPool runs,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowTriggerLoop> logger) : BackgroundService
{
    public const string CursorName = "workflow-triggers";

    // The loop's own position: read from the database once, then kept here as the loop advances it.
    private long? _cursor;

    // Polls the log; an event accepted by this hub wakes the loop at once, events from other hubs wait for the next poll.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before reading, so an event committed while a batch runs wakes the next round at once.
            var appended = events.AppendedAsync();
            try
            {
                while (await ProcessBatchAsync(stoppingToken) == options.Value.EventBatchSize)
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                WorkflowsLog.LoopFailed(logger, exception, "trigger");
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var due = Task.Delay(options.Value.EventPollInterval, poll.Token);
            await Task.WhenAny(appended, due);
            await poll.CancelAsync();
            await due.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Processes the next batch of events; returns how many were read.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var cursor = _cursor ??= await cursors.GetAsync(CursorName, cancellationToken);
        var batch = await events.ReadAfterAsync(cursor, options.Value.EventBatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var parsed = batch.Select(e => (Stored: e, Json: JsonNode.Parse(e.Body)!, Keys: Correlations(e))).ToList();
        await bookmarks.AddPendingAsync([.. parsed.SelectMany(e => e.Keys.Select(k => (e.Stored.Seq, e.Stored.Type, k)))], cancellationToken);
        var triggers = new Dictionary<string, IReadOnlyList<(string VersionId, string ActivityId)>>(StringComparer.Ordinal);
        foreach (var type in parsed.Select(e => e.Stored.Type).Distinct(StringComparer.Ordinal))
        {
            triggers[type] = await definitions.TriggeredByAsync(type, cancellationToken);
        }

        // The bookmarks every event matches, in one query, read after the pending events committed: a bookmark
        // committed later finds its event among the pending ones when its instance suspends.
        var waiting = await bookmarks.MatchingAsync([.. parsed.Select(e => (e.Stored.Type, e.Keys))], cancellationToken);

        // Events of one batch are independent: each start and each resume is guarded by its own (event, target) row,
        // and a payment handled before its sale's instance waits is kept as pending, so they run in parallel (on SQLite
        // their writes queue in the process for the one write lock, see Database.BeginUnitAsync).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentRuns, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, parsed.Count), parallel, async (i, token) =>
            await ProcessEventAsync(parsed[i].Stored, parsed[i].Json, triggers[parsed[i].Stored.Type], waiting[i], token));
        await cursors.AdvanceAsync(CursorName, batch[^1].Seq, cancellationToken);
        _cursor = batch[^1].Seq;
        return batch.Count;
    }

    private async Task ProcessEventAsync(
        StoredEvent stored, JsonNode json, IReadOnlyList<(string VersionId, string ActivityId)> started, IReadOnlyList<BookmarkRecord> matching,
        CancellationToken cancellationToken)
    {
        foreach (var (versionId, activityId) in started)
        {
            var request = new StartRequest { VersionId = versionId, TriggerActivityId = activityId, Event = json, EventSeq = stored.Seq, CorrelationId = stored.Subject };
            if (await engine.StartLeasedAsync(request, cancellationToken) is { } instance)
            {
                runs.Enqueue(instance);
            }
        }

        foreach (var bookmark in matching)
        {
            var signal = new ResumeSignal { Name = bookmark.Name, Correlation = bookmark.Correlation, Event = json };
            if (await bookmarks.TryResumeAsync(bookmark, signal, stored.Seq, options.Value.LeaseDuration, cancellationToken) is { } resumed)
            {
                runs.Enqueue(resumed);
            }
        }
    }

    /// <summary>
    /// What an event is about: its subject and the data fields its type declares (<see cref="EventTypes.For"/>); a
    /// custom type's events correlate on <see cref="EventTypes.CustomCorrelatesOn"/>.
    /// </summary>
    public static IReadOnlyList<string> Correlations(StoredEvent stored)
    {
        var keys = new List<string>();
        if (stored.Subject is { Length: > 0 } subject)
        {
            keys.Add(subject);
        }

        var data = JsonNode.Parse(stored.Body)?["data"] as JsonObject;
        foreach (var field in EventTypes.For(stored.Type).CorrelatesOn)
        {
            if (data?[field] is JsonValue value && value.TryGetValue<string>(out var key) && key.Length > 0 && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
