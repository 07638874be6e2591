namespace JewelHub.Workflows.Runtime;

/// <summary>Where an instance is in its life.</summary>
public enum WorkflowStatus
{
    /// <summary>Has work queued; a runner holds (or will claim) its lease.</summary>
    Running,

    /// <summary>Waits on bookmarks (events, timers).</summary>
    Suspended,

    Finished,

    /// <summary>An activity failed after its retries; an incident names it. Retry resumes from that activity.</summary>
    Faulted,

    Cancelled,
}
