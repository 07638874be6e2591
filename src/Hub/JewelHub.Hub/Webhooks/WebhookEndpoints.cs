using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using JewelHub.Connectors;

namespace JewelHub.Hub.Webhooks;

/// <summary>
/// <c>POST /webhooks/{connector}</c>: the door for vendors' webhooks. It authenticates by the vendor's signature alone
/// (no API key): the raw bytes are verified before anything reads them, stored in the inbox and committed, and only then
/// answered 200, for a repeat too. The mapping happens later (<see cref="InboxDispatcher"/>).
/// </summary>
public static partial class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/{connector}", ReceiveAsync).AllowAnonymous().WithTags("Webhooks").WithName("ReceiveWebhook");

    private static async Task<IResult> ReceiveAsync(
        string connector, HttpContext http, WebhookConnectors connectors, InboxStore inbox, InboxDispatcher dispatcher,
        WebhookMetrics metrics, TimeProvider clock, ILogger<InboxStore> logger)
    {
        if (connectors.Find(connector) is not { } found)
        {
            return TypedResults.Problem($"There is no connector '{connector}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown connector");
        }

        var options = connectors.Options(connector);
        if (!options.Enabled)
        {
            http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem($"The {connector} connector is disabled; deliveries are taken again once it is enabled.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Connector disabled");
        }

        var body = http.Request.ContentLength > options.MaxBodyBytes ? null : await ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem($"The body is larger than the {options.MaxBodyBytes} bytes this connector takes.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }

        var headers = new HeaderView(http.Request.Headers);
        var now = clock.GetUtcNow();
        var verdict = found.Verify(new WebhookRequest(body, headers), options, now);
        if (verdict is not WebhookVerdict.Verified verified)
        {
            var reason = ((WebhookVerdict.Rejected)verdict).Reason;
            metrics.Rejected(connector);
            LogRejected(logger, connector, reason);
            return TypedResults.Problem($"The delivery's signature did not verify: {reason}.", statusCode: StatusCodes.Status401Unauthorized, title: "Signature not verified");
        }

        var kept = found.KeptHeaders.Where(headers.ContainsKey).ToDictionary(name => name, name => headers[name], StringComparer.Ordinal);
        var stored = await inbox.TryAddAsync(
            new InboxEntry(connector, verified.DeliveryId, verified.Topic, JsonSerializer.Serialize(kept), body, now.AddTicks(-(now.Ticks % 10))),
            http.RequestAborted);
        if (stored)
        {
            metrics.Stored(connector);
            dispatcher.Wake();
        }
        else
        {
            metrics.Duplicate(connector);
        }

        return TypedResults.Ok(new WebhookAccepted(connector, verified.DeliveryId, !stored));
    }

    /// <summary>The answer to a stored delivery: its id, and whether it had been stored before.</summary>
    public sealed record WebhookAccepted(string Connector, string DeliveryId, bool Duplicate);

    // Reads at most limit bytes; null when the body is longer. A body of announced length is read straight into its array.
    private static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        // The caller refused a longer announced length; the server ends the body at the length announced.
        if (request.ContentLength is { } length && length <= limit)
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            using var copy = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The request's own headers, read in place (names ignore case) instead of copied into a dictionary per request.
    private sealed class HeaderView(IHeaderDictionary headers) : IReadOnlyDictionary<string, string>
    {
        public int Count => headers.Count;

        public IEnumerable<string> Keys => headers.Keys;

        public IEnumerable<string> Values => headers.Select(h => h.Value.ToString());

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => headers.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            var found = headers.TryGetValue(key, out var values);
            value = found ? values.ToString() : null;
            return found;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [LoggerMessage(EventId = 2410, Level = LogLevel.Information, Message = "A {ConnectorId} delivery was refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string connectorId, string reason);
}
