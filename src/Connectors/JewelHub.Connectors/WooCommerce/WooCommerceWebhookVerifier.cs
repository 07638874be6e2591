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
