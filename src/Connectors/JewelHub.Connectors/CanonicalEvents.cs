using JewelHub.Canonical.Events;

namespace JewelHub.Connectors;

/// <summary>Builds the canonical events a connector's map produces, with the connector as their source.</summary>
internal static class CanonicalEvents
{
    /// <summary>An event from <c>/connectors/&lt;connector&gt;</c> whose id is <paramref name="id"/>, derived from the vendor's ids.</summary>
    public static CloudEvent Create<T>(string connectorId, string id, string type, string? subject, T data, DateTimeOffset? time) => new()
    {
        Id = id,
        Source = $"/connectors/{connectorId}",
        Type = type,
        Subject = subject,
        Time = time,
        Data = EventJson.ToElement(data),
    };
}
