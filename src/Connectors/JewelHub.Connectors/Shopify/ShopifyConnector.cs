namespace JewelHub.Connectors.Shopify;

/// <summary>Shopify's webhooks: orders become sale.recorded on the web channel (docs/webhooks/shopify.md).</summary>
public sealed class ShopifyConnector : IWebhookConnector
{
    public const string Id = "shopify";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "Shopify", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } =
        [ShopifyWebhookVerifier.TopicHeader, ShopifyWebhookVerifier.IdHeader, "X-Shopify-Shop-Domain", "X-Shopify-Triggered-At"];

    public IEnumerable<string> Check(WebhookConnectorOptions options) => ConnectorChecks.Common(Id, options);

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        ShopifyWebhookVerifier.Verify(request, options.Secrets, now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => ShopifyMap.Map(delivery, options);
}
