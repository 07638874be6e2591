namespace JewelHub.Connectors;

/// <summary>
/// A system that pushes webhooks to <c>POST /webhooks/{id}</c>: how its signature is checked over the raw bytes and how
/// its payloads map to canonical events. Implementations are stateless; their settings come with each call.
/// </summary>
public interface IWebhookConnector
{
    /// <summary>The connector's id, name and direction.</summary>
    ConnectorDescriptor Descriptor { get; }

    /// <summary>The request headers kept with a delivery in the inbox (ids, topics, timestamps; never signatures).</summary>
    IReadOnlyList<string> KeptHeaders { get; }

    /// <summary>Problems with the connector's settings, each naming the setting under its section; empty when fine.</summary>
    IEnumerable<string> Check(WebhookConnectorOptions options);

    /// <summary>Checks the delivery's signature with the secrets active at <paramref name="now"/>, before anything reads the body.</summary>
    WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now);

    /// <summary>Maps a verified, stored delivery to canonical events. Never throws for bad payloads.</summary>
    WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options);
}
