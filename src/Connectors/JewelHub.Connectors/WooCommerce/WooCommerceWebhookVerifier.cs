namespace JewelHub.Connectors.WooCommerce;

/// <summary>
/// WooCommerce signs the raw body: <c>X-WC-Webhook-Signature</c> is the base64 HMAC-SHA256 with the webhook's secret.
/// Its JSON is written by PHP (<c>\/</c> and <c>\u00e9</c> escapes), so only the bytes as sent verify.
/// </summary>
internal static class WooCommerceWebhookVerifier
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";
    public const string TopicHeader = "X-WC-Webhook-Topic";
    public const string IdHeader = "X-WC-Webhook-Delivery-ID";

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, DateTimeOffset now) =>
        WebhookSignatures.VerifyBase64BodyHmac(request, secrets, now, SignatureHeader, IdHeader, TopicHeader);
}
