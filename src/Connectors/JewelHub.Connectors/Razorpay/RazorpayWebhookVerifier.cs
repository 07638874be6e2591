namespace JewelHub.Connectors.Razorpay;

/// <summary>
/// Razorpay signs the raw body: <c>X-Razorpay-Signature</c> is the hex HMAC-SHA256 with the webhook secret
/// (https://razorpay.com/docs/webhooks/validate-test/); <c>X-Razorpay-Event-Id</c> is the same on every retry.
/// </summary>
internal static class RazorpayWebhookVerifier
{
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string IdHeader = "X-Razorpay-Event-Id";

    public static WebhookVerdict Verify(WebhookRequest request, IEnumerable<WebhookSecret> secrets, DateTimeOffset now)
    {
        if (request.Header(SignatureHeader) is not { } signature)
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} header is missing");
        }

        if (!WebhookSignatures.Active(secrets, now).Any(secret =>
                WebhookSignatures.MatchesHex(signature, WebhookSignatures.Hmac(WebhookSignatures.Utf8(secret.Value), request.Body))))
        {
            return new WebhookVerdict.Rejected($"the {SignatureHeader} signature does not match the body");
        }

        return request.Header(IdHeader) is { } id
            ? new WebhookVerdict.Verified(id, WebhookSignatures.TopLevel(request.Body, "event"))
            : new WebhookVerdict.Rejected($"the {IdHeader} header is missing");
    }
}
