namespace JewelHub.Connectors.Square;

/// <summary>Square's webhooks: completed card-terminal payments and refunds (docs/webhooks/square.md).</summary>
public sealed class SquareConnector : IWebhookConnector
{
    public const string Id = "square";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "Square", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } = ["square-environment", "square-retry-number", "square-initial-delivery-timestamp"];

    public IEnumerable<string> Check(WebhookConnectorOptions options)
    {
        foreach (var problem in ConnectorChecks.Common(Id, options))
        {
            yield return problem;
        }

        // Square signs the URL it posts to together with the body, so the hub must know that URL exactly.
        if (options.Enabled && !Uri.TryCreate(options.NotificationUrl, UriKind.Absolute, out _))
        {
            yield return $"{WebhookConnectorOptions.SectionOf(Id)}:NotificationUrl must be the absolute URL entered in Square's webhook subscription";
        }
    }

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        SquareWebhookVerifier.Verify(request, options.NotificationUrl ?? "", options.Secrets, now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => SquareMap.Map(delivery);
}
