using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JewelHub.Connectors;

/// <summary>The HMAC-SHA256 arithmetic every vendor's scheme shares, and the one constant-time comparison.</summary>
internal static class WebhookSignatures
{
    /// <summary>HMAC-SHA256 of the parts, in order, as one message.</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, params ReadOnlySpan<ReadOnlyMemory<byte>> parts)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        foreach (var part in parts)
        {
            hmac.AppendData(part.Span);
        }

        return hmac.GetHashAndReset();
    }

    /// <summary>Whether the base64 text names exactly <paramref name="expected"/>, compared in constant time.</summary>
    public static bool MatchesBase64(string? signature, byte[] expected)
    {
        var decoded = new byte[expected.Length];
        return signature is not null
            && Convert.TryFromBase64String(signature, decoded, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(decoded, expected);
    }

    /// <summary>Whether the hex text names exactly <paramref name="expected"/>, compared in constant time.</summary>
    public static bool MatchesHex(string? signature, byte[] expected)
    {
        if (signature is null || signature.Length != expected.Length * 2)
        {
            return false;
        }

        var decoded = new byte[expected.Length];
        return Convert.FromHexString(signature, decoded, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(decoded, expected);
    }

    /// <summary>
    /// The scheme Shopify and WooCommerce share: <paramref name="signatureHeader"/> holds the base64 HMAC-SHA256 of the
    /// raw body under one of the active secrets, and <paramref name="idHeader"/> names the delivery.
    /// </summary>
    public static WebhookVerdict VerifyBase64BodyHmac(
        WebhookRequest request, IEnumerable<WebhookSecret> secrets, DateTimeOffset now, string signatureHeader, string idHeader, string topicHeader)
    {
        if (request.Header(signatureHeader) is not { } signature)
        {
            return new WebhookVerdict.Rejected($"the {signatureHeader} header is missing");
        }

        if (!Active(secrets, now).Any(secret => MatchesBase64(signature, Hmac(Utf8(secret.Value), request.Body))))
        {
            return new WebhookVerdict.Rejected($"the {signatureHeader} signature does not match the body");
        }

        return request.Header(idHeader) is { } id
            ? new WebhookVerdict.Verified(id, request.Header(topicHeader))
            : new WebhookVerdict.Rejected($"the {idHeader} header is missing");
    }

    /// <summary>The secrets still accepted at <paramref name="now"/>; during a rotation, the old and the new one.</summary>
    public static IEnumerable<WebhookSecret> Active(IEnumerable<WebhookSecret> secrets, DateTimeOffset now) =>
        secrets.Where(secret => secret.ActiveAt(now));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A top-level string (or number) property of a JSON body, or null when the body is not a JSON object.</summary>
    public static string? TopLevel(ReadOnlyMemory<byte> body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A stable id for a body that names none: its SHA-256, so the same bytes dedupe.</summary>
    public static string BodyHash(ReadOnlyMemory<byte> body) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body.Span));

    public static string Unix(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
