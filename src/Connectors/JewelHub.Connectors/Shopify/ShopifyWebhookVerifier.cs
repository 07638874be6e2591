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

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } signature)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} header is missing");
        }

        if (!WebhookSignatures.Active(secrets, now).Any(secret =>
                WebhookSignatures.MatchesBase64(signature, WebhookSignatures.Hmac(WebhookSignatures.Utf8(secret.Value), request.Body))))
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} signature does not match the body");
        }

        return request.Header(IdHeader) is { } id
            ? new WebhookVerdict.Verified(id, request.Header(TopicHeader))
            : new WebhookVerdict.Rejected($"the {IdHeader} header is missing");
    }
}
