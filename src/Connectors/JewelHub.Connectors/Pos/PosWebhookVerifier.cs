using System.Globalization;
using System.Text;

namespace JewelHub.Connectors.Pos;

/// <summary>
/// The Standard Webhooks scheme (https://www.standardwebhooks.com): the signed content is
/// <c>"&lt;webhook-id&gt;.&lt;webhook-timestamp&gt;.&lt;raw body&gt;"</c>, the key is the base64 after <c>whsec_</c>, and
/// <c>webhook-signature</c> lists space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c> entries (one per secret while a
/// secret rotates). A timestamp further than the tolerance from the hub's clock is refused.
/// </summary>
internal static class PosWebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, TimeSpan tolerance, DateTimeOffset now)
    {
        var id = request.Header(IdHeader);
        var timestamp = request.Header(TimestampHeader);
        var header = request.Header(SignatureHeader);
        if (id is null || timestamp is null || header is null)
        {
            return new WebhookVerdict.Rejected($"the {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are all required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253_402_300_799))).Duration() > tolerance)
        {
            return new WebhookVerdict.Rejected($"the {TimestampHeader} is not a Unix time within {tolerance.TotalSeconds:0} seconds of now");
        }

        var signatures = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.StartsWith("v1,", StringComparison.Ordinal))
            .Select(entry => entry[3..])
            .ToList();
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var matched = WebhookSignatures.Active(secrets, now)
            .Select(secret => Key(secret.Value))
            .OfType<byte[]>()
            .Select(key => WebhookSignatures.Hmac(key, prefix, request.Body))
            .Any(expected => signatures.Any(signature => WebhookSignatures.MatchesBase64(signature, expected)));
        return matched
            ? new WebhookVerdict.Verified(id, WebhookSignatures.TopLevel(request.Body, "type"))
            : new WebhookVerdict.Rejected($"no v1 signature in {SignatureHeader} matches the id, timestamp and body");
    }

    /// <summary>The signing key of a <c>whsec_…</c> secret, or null when it is not one.</summary>
    public static byte[]? Key(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = new byte[64];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var written) && written is >= 24 and <= 64 ? key[..written] : null;
    }
}
