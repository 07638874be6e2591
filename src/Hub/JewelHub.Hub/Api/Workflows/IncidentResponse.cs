using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>A fault as the API shows it: the incident id, the activity and a message; the stack trace is in the log only.</summary>
public sealed record IncidentResponse(string Id, string ActivityId, string ActivityExecutionId, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt)
{
    public static IncidentResponse From(IncidentRecord r) => new(r.Id, r.ActivityId, r.ActivityExecutionId, FaultViews.Message(r.Message), r.At, r.ResolvedAt);
}
