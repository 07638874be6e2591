namespace JewelHub.Connectors.Shopify;

/// <summary>
/// Shopify signs the raw body: <c>X-Shopify-Hmac-SHA256</c> is the base64 HMAC-SHA256 with the app's secret
/// (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook).
/// </summary>
internal static class ShopifyWebhookVerifier
{
    public const string SignatureHeader = "X-Shopify-Hmac-SHA256";
    public const string TopicHeader = "X-Shopify-Topic";
    public const string IdHeader = "X-Shopify-Webhook-Id";

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, DateTimeOffset now) =>
        WebhookSignatures.VerifyBase64BodyHmac(request, secrets, now, SignatureHeader, IdHeader, TopicHeader);
}
