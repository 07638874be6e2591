using System.Security.Cryptography;
using System.Text;

namespace JewelHub.Connectors.Tests.Support;

/// <summary>Signs test deliveries the way each vendor does, written from the vendors' documentation.</summary>
public static class Signer
{
    public static byte[] Hmac(string secret, string message) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));

    public static string Base64(string secret, string message) => Convert.ToBase64String(Hmac(secret, message));

    public static string Hex(string secret, string message) => Convert.ToHexStringLower(Hmac(secret, message));

    /// <summary>The Stripe-Signature header for the body at <paramref name="at"/>, one v1 per secret.</summary>
    public static string Stripe(string body, DateTimeOffset at, params string[] secrets)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t}," + string.Join(",", secrets.Select(secret => "v1=" + Hex(secret, $"{t}.{body}")));
    }

    /// <summary>The Standard Webhooks webhook-signature for the message, keyed with the base64 after whsec_.</summary>
    public static string StandardWebhooks(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    public static WebhookRequest Request(string body, params (string Name, string Value)[] headers) =>
        new(Encoding.UTF8.GetBytes(body), headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));

    public static WebhookConnectorOptions Options(params string[] secrets) => new()
    {
        Enabled = true,
        Secrets = secrets.Select(secret => new WebhookSecret { Value = secret }).ToList(),
    };

    /// <summary>Options during a rotation: the new secret, and the old one accepted until <paramref name="oldUntil"/>.</summary>
    public static WebhookConnectorOptions Rotating(string newSecret, string oldSecret, DateTimeOffset oldUntil) => new()
    {
        Enabled = true,
        Secrets = [new WebhookSecret { Value = newSecret }, new WebhookSecret { Value = oldSecret, NotAfter = oldUntil }],
    };
}
