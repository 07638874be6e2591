namespace JewelHub.Connectors;

/// <summary>
/// One signing secret of a connector's webhooks. During a rotation a connector holds the new secret and the old one,
/// the old one with <see cref="NotAfter"/> set: deliveries signed with either verify until that moment, and only the new
/// one after it.
/// </summary>
public sealed class WebhookSecret
{
    /// <summary>The secret as the vendor shows it (for the POS scheme the whole <c>whsec_…</c> text). No default.</summary>
    public string Value { get; set; } = "";

    /// <summary>The end of this secret's overlap: refused from this moment on. Default null: no end.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Whether the secret is still accepted at <paramref name="now"/>.</summary>
    public bool ActiveAt(DateTimeOffset now) => Value.Length > 0 && (NotAfter is null || now < NotAfter);

    /// <summary>Never shows the secret.</summary>
    public override string ToString() => NotAfter is null ? "secret" : $"secret (until {NotAfter:O})";
}
