using System.Text.Json;
using System.Text.Json.Serialization;

namespace JewelHub.Canonical.Events;

/// <summary>
/// The JSON rules of canonical event data (docs/EVENTS.md): camelCase names, enums as camelCase strings, numbers
/// strictly as numbers except money and weights, which the data records mark as decimal strings. Producers and
/// consumers of event data use these options so that every connector and workflow reads the same shapes.
/// </summary>
public static class EventJson
{
    /// <summary>The serializer options for event data.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads the event's data as <typeparamref name="T"/>; throws <see cref="JsonException"/> when it does not fit.</summary>
    public static T ReadData<T>(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent.Data is { } data
            ? data.Deserialize<T>(Options) ?? throw new JsonException($"Event {cloudEvent.Id} has null data.")
            : throw new JsonException($"Event {cloudEvent.Id} has no data.");
    }

    /// <summary>The data as the JSON element that goes into <see cref="CloudEvent.Data"/>.</summary>
    public static JsonElement ToElement<T>(T data) => JsonSerializer.SerializeToElement(data, Options);
}
