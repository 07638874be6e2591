namespace JewelHub.Connectors.Stripe;

/// <summary>Stripe's webhooks: succeeded payments and refunds (docs/webhooks/stripe.md).</summary>
public sealed class StripeConnector : IWebhookConnector
{
    public const string Id = "stripe";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "Stripe", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } = [];

    public IEnumerable<string> Check(WebhookConnectorOptions options) => ConnectorChecks.Common(Id, options);

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        StripeWebhookVerifier.Verify(request, options.Secrets, TimeSpan.FromSeconds(options.ToleranceSeconds), now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => StripeMap.Map(delivery);
}
