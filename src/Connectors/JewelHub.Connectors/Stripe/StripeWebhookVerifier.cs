using System.Globalization;
using System.Text;

namespace JewelHub.Connectors.Stripe;

/// <summary>
/// Stripe signs <c>"&lt;t&gt;.&lt;raw body&gt;"</c>: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c>, one v1 per
/// active endpoint secret while a secret rolls (https://docs.stripe.com/webhooks#verify-manually). A timestamp further
/// than the tolerance from the hub's clock is refused, so a captured delivery cannot be replayed later.
/// </summary>
internal static class StripeWebhookVerifier
{
    public const string SignatureHeader = "Stripe-Signature";

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, TimeSpan tolerance, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } header)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} header is missing");
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            switch (equals > 0 ? part[..equals] : "")
            {
                case "t":
                    timestamp = part[(equals + 1)..];
                    break;
                case "v1":
                    signatures.Add(part[(equals + 1)..]);
                    break;
            }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} header has no t= timestamp or no v1= signature");
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253_402_300_799))).Duration() > tolerance)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} timestamp is more than {tolerance.TotalSeconds:0} seconds from now");
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var matched = WebhookSignatures.Active(secrets, now)
            .Select(secret => WebhookSignatures.Hmac(WebhookSignatures.Utf8(secret.Value), prefix, request.Body))
            .Any(expected => signatures.Any(signature => WebhookSignatures.MatchesHex(signature, expected)));
        if (!matched)
        {
            return new WebhookVerdict.Rejected($"no v1 signature in {SignatureHeader} matches the body");
        }

        return new WebhookVerdict.Verified(
            WebhookSignatures.TopLevel(request.Body, "id") ?? WebhookSignatures.BodyHash(request.Body),
            WebhookSignatures.TopLevel(request.Body, "type"));
    }
}
