using System.Text.Json.Nodes;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>A journal line with its payload as JSON.</summary>
public sealed record JournalEntryResponse(
    long Seq, string? ActivityExecutionId, string? ActivityId, string? NodeId, string? ActivityType, string EventName, string? Outcome, JsonNode? Payload, DateTimeOffset At)
{
    public static JournalEntryResponse From(JournalRecord r) =>
        new(r.Seq, r.ActivityExecutionId, r.ActivityId, r.NodeId, r.ActivityType, r.EventName, r.Outcome, r.Payload is null ? null : JsonNode.Parse(r.Payload), r.At);
}
