namespace JewelHub.Connectors.WooCommerce;

/// <summary>WooCommerce's webhooks: created orders become sale.recorded on the web channel (docs/webhooks/woocommerce.md).</summary>
public sealed class WooCommerceConnector : IWebhookConnector
{
    public const string Id = "woocommerce";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "WooCommerce", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } =
        [WooCommerceWebhookVerifier.TopicHeader, WooCommerceWebhookVerifier.IdHeader, "X-WC-Webhook-Source", "X-WC-Webhook-Resource", "X-WC-Webhook-Event"];

    public IEnumerable<string> Check(WebhookConnectorOptions options) => ConnectorChecks.Common(Id, options);

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        WooCommerceWebhookVerifier.Verify(request, options.Secrets, now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => WooCommerceMap.Map(delivery, options);
}
