namespace JewelHub.Workflows.Runtime;

/// <summary>A workflow instance row.</summary>
public sealed record WorkflowInstance
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public required WorkflowStatus Status { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>Variables as a JSON object, by name.</summary>
    public required string Variables { get; init; }

    /// <summary><see cref="InstanceState"/> as JSON.</summary>
    public required string State { get; init; }

    /// <summary>The CloudEvent (JSON) that started the instance, or the run input.</summary>
    public string? TriggerEvent { get; init; }
    public string? LeaseId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public int IncidentCount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>One journal line: an activity Started, Completed, Faulted, Resumed, or the instance Retried or Cancelled.</summary>
public sealed record JournalRecord
{
    public long Seq { get; init; }
    public required string InstanceId { get; init; }
    public string? ActivityExecutionId { get; init; }
    public string? ActivityId { get; init; }
    public string? NodeId { get; init; }
    public string? ActivityType { get; init; }
    public required string EventName { get; init; }
    public string? Outcome { get; init; }
    public string? Payload { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The evaluated inputs of the line's execution; read only by the filtered journal query (null for Started lines).</summary>
    public string? Inputs { get; init; }
}

/// <summary>One activity execution: its evaluated inputs, outputs and how it ended.</summary>
public sealed record ActivityExecutionRecord
{
    public required string Id { get; init; }
    public required string InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string NodeId { get; init; }
    public required string ActivityType { get; init; }

    /// <summary>Running (also while it waits on bookmarks), Completed or Faulted.</summary>
    public required string Status { get; init; }
    public string? Inputs { get; init; }
    public string? Outputs { get; init; }
    public string? Outcome { get; init; }
    public string? Exception { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>An activity fault that exhausted its retries.</summary>
public sealed record IncidentRecord
{
    public required string Id { get; init; }
    public required string InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityExecutionId { get; init; }
    public required string ExceptionType { get; init; }
    public required string Message { get; init; }
    public string? Details { get; init; }
    public required DateTimeOffset At { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}

/// <summary>A bookmark: an execution waits for an event named <see cref="Name"/> about <see cref="Correlation"/>, or a timer.</summary>
public sealed record BookmarkRecord
{
    public required string Id { get; init; }
    public required string InstanceId { get; init; }
    public required string ActivityExecutionId { get; init; }
    public required string ActivityId { get; init; }
    public required string Name { get; init; }
    public required string Correlation { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A durable timer of a bookmark.</summary>
public sealed record TimerRecord
{
    public required string Id { get; init; }
    public required string InstanceId { get; init; }
    public required string ActivityExecutionId { get; init; }
    public required string BookmarkId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public bool Fired { get; init; }
}

/// <summary>Everything one step of a run writes, in one transaction, fenced by the run's lease.</summary>
public sealed class InstanceCommit
{
    public required string InstanceId { get; init; }
    public required string LeaseId { get; init; }
    public required WorkflowStatus Status { get; set; }
    public required string Variables { get; set; }
    public required string State { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<JournalRecord> Journal { get; } = [];
    public List<ActivityExecutionRecord> Executions { get; } = [];
    public List<BookmarkRecord> Bookmarks { get; } = [];
    public List<TimerRecord> Timers { get; } = [];
    public List<IncidentRecord> Incidents { get; } = [];

    /// <summary>True when something besides the instance row is waiting to be written.</summary>
    public bool HasRows => Journal.Count + Executions.Count + Bookmarks.Count + Timers.Count + Incidents.Count > 0;

    public void Clear()
    {
        Journal.Clear();
        Executions.Clear();
        Bookmarks.Clear();
        Timers.Clear();
        Incidents.Clear();
    }
}
