namespace JewelHub.Connectors.Razorpay;

/// <summary>Razorpay's webhooks: captured payments and processed refunds (docs/webhooks/razorpay.md).</summary>
public sealed class RazorpayConnector : IWebhookConnector
{
    public const string Id = "razorpay";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "Razorpay", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } = [RazorpayWebhookVerifier.IdHeader];

    public IEnumerable<string> Check(WebhookConnectorOptions options) => ConnectorChecks.Common(Id, options);

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        RazorpayWebhookVerifier.Verify(request, options.Secrets, now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => RazorpayMap.Map(delivery);
}
