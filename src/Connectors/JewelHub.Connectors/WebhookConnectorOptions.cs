namespace JewelHub.Connectors;

/// <summary>
/// One connector's webhook settings, bound from <c>Connectors:&lt;id&gt;</c> (e.g. <c>Connectors:shopify</c>) and
/// checked when the hub starts. Secrets are never logged nor returned by any API.
/// </summary>
public sealed class WebhookConnectorOptions
{
    /// <summary>The configuration section of a connector: <c>Connectors:&lt;id&gt;</c>.</summary>
    public static string SectionOf(string connectorId) => $"Connectors:{connectorId}";

    /// <summary>Whether deliveries are taken. Default false: a disabled connector answers 503 with Retry-After.</summary>
    public bool Enabled { get; set; }

    /// <summary>The signing secrets: the current one, and during a rotation the old one with its end. Default none.</summary>
    public List<WebhookSecret> Secrets { get; set; } = [];

    /// <summary>The URL the vendor posts to, when its signature covers it (Square). Default null.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>The largest body taken, in bytes; a larger one is answered 413. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The Retry-After (seconds) a disabled connector answers with. Default 300.</summary>
    public int RetryAfterSeconds { get; set; } = 300;

    /// <summary>How far a signed timestamp may be from the hub's clock (Stripe, POS). Default 300 seconds.</summary>
    public int ToleranceSeconds { get; set; } = 300;

    /// <summary>The branch whose stock and bill series a web order uses. Default "web".</summary>
    public string Branch { get; set; } = "web";

    /// <summary>The place of supply (state code, e.g. MH) of an order whose addresses name no state. Default null: such an order fails to map.</summary>
    public string? PlaceOfSupply { get; set; }
}
