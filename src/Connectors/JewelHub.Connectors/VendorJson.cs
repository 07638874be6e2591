using System.Text.Json;
using System.Text.Json.Serialization;

namespace JewelHub.Connectors;

/// <summary>Reads vendor payloads: snake_case names, numbers also as strings (vendors send both).</summary>
internal static class VendorJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the reason it cannot be read.</summary>
    public static bool TryRead<T>(ReadOnlyMemory<byte> body, out T value, out WebhookMapping.Failed? failure)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(body.Span, Options)!;
            failure = value is null ? WebhookMapping.Fail("body", "is not a JSON object") : null;
            return value is not null;
        }
        catch (JsonException exception)
        {
            value = null!;
            var where = exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            failure = WebhookMapping.Fail(where, "cannot be read: the payload is not the JSON this topic sends");
            return false;
        }
    }
}
