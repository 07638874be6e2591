namespace JewelHub.Connectors.Square;

/// <summary>
/// Square signs the notification URL followed by the raw body: <c>x-square-hmacsha256-signature</c> is the base64
/// HMAC-SHA256 with the subscription's signature key
/// (https://developer.squareup.com/docs/webhooks/step3validate). Its event id is in the body (<c>event_id</c>).
/// </summary>
internal static class SquareWebhookVerifier
{
    public const string SignatureHeader = "x-square-hmacsha256-signature";

    public static WebhookVerdict Verify(WebhookRequest request, string notificationUrl, IEnumerable<WebhookSecret> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } signature)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} header is missing");
        }

        var url = WebhookSignatures.Utf8(notificationUrl);
        if (!WebhookSignatures.Active(secrets, now).Any(secret =>
                WebhookSignatures.MatchesBase64(signature, WebhookSignatures.Hmac(WebhookSignatures.Utf8(secret.Value), url, request.Body))))
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} signature does not match the notification URL and body");
        }

        return new WebhookVerdict.Verified(
            WebhookSignatures.TopLevel(request.Body, "event_id") ?? WebhookSignatures.BodyHash(request.Body),
            WebhookSignatures.TopLevel(request.Body, "type"));
    }
}
