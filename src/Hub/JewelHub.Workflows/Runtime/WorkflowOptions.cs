using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>Workflow runtime settings (section "Workflows").</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder of workflow JSON files loaded as published definitions at start-up. Default "workflows" next to the hub's binaries.</summary>
    public string Folder { get; set; } = Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>How long a runner holds an instance before the recovery loop may take it over. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the trigger loop looks for new events stored by other hubs over the same database. An event this hub
    /// accepts wakes the loop at once. Default 100 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")] public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many events the trigger loop reads at once. Default 200.</summary>
    [Range(1, 10_000)] public int EventBatchSize { get; set; } = 200;

    /// <summary>
    /// How often each periodic loop (due timers, pending event delivery, lease recovery, pending event purge) looks for
    /// work. Default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many instances run at the same time in this hub. Default 8.</summary>
    [Range(1, 256)] public int MaxConcurrentRuns { get; set; } = 8;

    /// <summary>
    /// Run the activities between two waits in one database transaction (committed when the instance suspends, finishes
    /// or reaches an activity that calls another system). Off: one commit after every activity with effects. Default on.
    /// </summary>
    public bool OneTransactionUntilWait { get; set; } = true;

    /// <summary>
    /// A timer waits while the trigger loop has not yet read an event accepted before the timer's due time, so a payment
    /// received just before a payment timeout wins over it; but never longer than this past its due time, so a stalled
    /// trigger loop cannot hold timers back for ever. Default 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan TimerWaitForEvents { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an event that matched no bookmark is kept for an instance that bookmarks it later. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")] public TimeSpan PendingEventRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The retry policy of activity faults. Default 2 retries, 200 ms exponential back-off with jitter.</summary>
    [ValidateObjectMembers] public ActivityRetryOptions Retry { get; set; } = new();

    /// <summary>The limits every JavaScript expression runs under.</summary>
    [ValidateObjectMembers] public ScriptOptions Scripts { get; set; } = new();

    /// <summary>Retry policies per activity type (e.g. "Elsa.SendHttpRequest"), replacing <see cref="Retry"/>. Default none.</summary>
    public Dictionary<string, ActivityRetryOptions> RetryByActivityType { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>How an activity fault is retried before it becomes an incident.</summary>
public sealed class ActivityRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off. Default 2.</summary>
    [Range(0, 20)] public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first back-off delay, doubled per retry. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// The limits of one JavaScript expression (section "Workflows:Scripts"). A script that exceeds one faults its activity
/// without retries (it would do the same again) and the instance records an incident.
/// </summary>
public sealed class ScriptOptions
{
    /// <summary>The longest one script may run. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")] public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most memory, in bytes, one script may allocate. Default 16 MB.</summary>
    [Range(1024L * 1024, 1024L * 1024 * 1024)] public long MemoryLimit { get; set; } = 16L * 1024 * 1024;

    /// <summary>The deepest nesting of function calls. Default 256.</summary>
    [Range(1, 10_000)] public int RecursionLimit { get; set; } = 256;

    /// <summary>The most statements one script may run; 0 leaves loops to the time limit. Default 0.</summary>
    [Range(0, int.MaxValue)] public int MaxStatements { get; set; }
}

/// <summary>Checks <see cref="WorkflowOptions"/> at start-up (generated).</summary>
[OptionsValidator]
internal sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
}
