namespace JewelHub.Connectors;

/// <summary>A webhook delivery as it arrived: the raw body bytes, exactly as sent, and the request headers.</summary>
/// <param name="Body">The body, never re-serialised: signatures are computed over these bytes.</param>
/// <param name="Headers">The request headers; names are matched ignoring case.</param>
public sealed record WebhookRequest(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The header's value, or null when it is absent or empty.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
