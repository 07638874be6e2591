using System.Text.Json;
using System.Text.Json.Serialization;
using JewelHub.Canonical.Events;

namespace JewelHub.Hub.Api.Events;

/// <summary>A CloudEvent as posted: every attribute optional here so that a missing one is named in the answer.</summary>
public sealed record CloudEventRequest
{
    [JsonPropertyName("specversion")] public string? SpecVersion { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("datacontenttype")] public string? DataContentType { get; init; }
    [JsonPropertyName("data")] public JsonElement? Data { get; init; }

    /// <summary>The canonical event; call only after validation.</summary>
    public CloudEvent ToCloudEvent() => new()
    {
        Id = Id!,
        Source = Source!,
        Type = Type!,
        Time = Time,
        Subject = Subject,
        DataContentType = DataContentType ?? "application/json",
        Data = Data,
    };
}
