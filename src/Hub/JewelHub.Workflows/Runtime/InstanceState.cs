using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// The scheduler state of an instance, stored as JSON with it: the queue of scheduled activity executions (each with
/// its execution id, fixed when it was scheduled), the executions waiting on bookmarks, the last outputs of every
/// activity and the arrivals at joins.
/// </summary>
public sealed class InstanceState
{
    public List<ScheduledWork> Queue { get; init; } = [];

    /// <summary>Executions that wait on bookmarks: execution id → activity id.</summary>
    public Dictionary<string, string> Waiting { get; init; } = [];

    /// <summary>The outputs of each activity's latest execution, by activity id.</summary>
    public Dictionary<string, JsonObject> Outputs { get; init; } = [];

    /// <summary>Join activity id → the inbound connections that arrived (taken) or died (their branch was not taken).</summary>
    public Dictionary<string, JoinArrivals> Joins { get; init; } = [];

    /// <summary>Connections that can no longer be taken in this pass (their source took another port).</summary>
    public HashSet<string> DeadConnections { get; init; } = [];

    /// <summary>The counter that execution ids derive from.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// The data of the event that last started or resumed this instance (the run input for a run), as Elsa keeps an
    /// event's payload in the workflow input: scripts read it as <c>getInput('__EventPayloadWorkflowInput')</c>.
    /// </summary>
    public JsonNode? EventInput { get; set; }

    /// <summary>The Result output of the activity that completed last (Elsa's <c>getLastResult()</c>).</summary>
    public JsonNode? LastResult { get; set; }

    /// <summary>The execution that faulted, kept at the head of the queue for a retry.</summary>
    public string? FaultedExecutionId { get; set; }

    /// <summary>Schedules an activity with the next execution id.</summary>
    public ScheduledWork Schedule(string instanceId, string activityId, ResumeSignal? resume = null)
    {
        var work = new ScheduledWork(NextExecutionId(instanceId), activityId, resume);
        Queue.Add(work);
        return work;
    }

    /// <summary>
    /// Execution ids are derived from the instance id and a counter kept in this state, so a replay from the last
    /// committed state after a crash gives the same step the same id, and so the same idempotency key.
    /// </summary>
    public string NextExecutionId(string instanceId)
    {
        Sequence++;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}:{Sequence}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, WorkflowJson.Options);

    public static InstanceState FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<InstanceState>(json, WorkflowJson.Options)!;
}

/// <summary>An activity execution waiting in the queue; <paramref name="Resume"/> is set when a bookmark matched.</summary>
/// <param name="ExecutionId">The execution id (stable across replays).</param>
/// <param name="ActivityId">The activity to run.</param>
/// <param name="Resume">Why it runs again, for a resumed execution.</param>
public sealed record ScheduledWork(string ExecutionId, string ActivityId, ResumeSignal? Resume = null);

/// <summary>What reached a join in the current pass.</summary>
public sealed class JoinArrivals
{
    public HashSet<string> Taken { get; init; } = [];
    public HashSet<string> Dead { get; init; } = [];
    public bool Fired { get; set; }
}
