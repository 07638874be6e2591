using System.Text.Json;
using System.Text.Json.Serialization;

namespace JewelHub.Canonical.Events;

/// <summary>A canonical event in CloudEvents 1.0 JSON form. (source, id) identifies it; a repeat is the same event.</summary>
public sealed record CloudEvent
{
    /// <summary>Always "1.0".</summary>
    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>The system that produced the event, e.g. /pos/mumbai-1 or /connectors/shopify.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>One of <see cref="EventTypes"/>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; init; }
    /// <summary>What the event is about: an order id, a bill number, a SKU.</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("datacontenttype")] public string? DataContentType { get; init; } = "application/json";
    [JsonPropertyName("data")] public JsonElement? Data { get; init; }
}
