namespace JewelHub.Connectors;

/// <summary>What a connector's verifier concluded about a delivery: signed by the vendor, or refused with a reason.</summary>
public abstract record WebhookVerdict
{
    private WebhookVerdict()
    {
    }

    /// <summary>The signature verified.</summary>
    /// <param name="DeliveryId">The vendor's id for the delivery or event: repeats carry the same id.</param>
    /// <param name="Topic">The vendor's topic (orders/create, payment.captured), or null when the body does not name one.</param>
    public sealed record Verified(string DeliveryId, string? Topic) : WebhookVerdict;

    /// <summary>The delivery is refused; the reason names what was wrong, never a secret or a signature.</summary>
    public sealed record Rejected(string Reason) : WebhookVerdict;
}
