using System.Text.Json.Nodes;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>Why a suspended activity runs again: the bookmark that matched and what came with it (an event, or a timer).</summary>
public sealed record ResumeSignal
{
    /// <summary>The bookmark name: an event type, or "timer".</summary>
    public required string Name { get; init; }

    /// <summary>The bookmark correlation.</summary>
    public string Correlation { get; init; } = "";

    /// <summary>The event that resumed the activity (CloudEvent JSON), or null for a timer.</summary>
    public JsonNode? Event { get; init; }

    /// <summary>True when a timer fired.</summary>
    public bool IsTimer => Name == BookmarkRequest.TimerName;
}
