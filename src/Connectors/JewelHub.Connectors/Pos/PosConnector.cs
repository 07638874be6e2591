namespace JewelHub.Connectors.Pos;

/// <summary>
/// A shop's own till software, signing as Standard Webhooks do and sending canonical data: sales, payments and refunds
/// taken at the counter (docs/webhooks/pos.md).
/// </summary>
public sealed class PosConnector : IWebhookConnector
{
    public const string Id = "pos";

    public ConnectorDescriptor Descriptor { get; } = new(Id, "In-house POS", Inbound: true, Outbound: false);

    public IReadOnlyList<string> KeptHeaders { get; } = [PosWebhookVerifier.IdHeader, PosWebhookVerifier.TimestampHeader];

    public IEnumerable<string> Check(WebhookConnectorOptions options)
    {
        foreach (var problem in ConnectorChecks.Common(Id, options))
        {
            yield return problem;
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (options.Secrets[i].Value.Length > 0 && PosWebhookVerifier.Key(options.Secrets[i].Value) is null)
            {
                yield return $"{WebhookConnectorOptions.SectionOf(Id)}:Secrets:{i}:Value must be whsec_ followed by base64 (24 to 64 bytes)";
            }
        }
    }

    public WebhookVerdict Verify(WebhookRequest request, WebhookConnectorOptions options, DateTimeOffset now) =>
        PosWebhookVerifier.Verify(request, options.Secrets, TimeSpan.FromSeconds(options.ToleranceSeconds), now);

    public WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options) => PosMap.Map(delivery);
}
