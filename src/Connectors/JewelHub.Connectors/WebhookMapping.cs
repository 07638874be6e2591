using JewelHub.Canonical.Events;
using JewelHub.Mappings;

namespace JewelHub.Connectors;

/// <summary>What a stored delivery becomes: canonical events, a customer to upsert, nothing (a topic the connector does not handle), or errors.</summary>
public abstract record WebhookMapping
{
    private WebhookMapping()
    {
    }

    /// <summary>The delivery maps to these events; their ids derive from the vendor's ids, so a replay repeats them exactly.</summary>
    public sealed record Mapped(IReadOnlyList<CloudEvent> Events) : WebhookMapping;

    /// <summary>
    /// The delivery reports a customer: the hub upserts them in the CRM, matching on the vendor's reference, and
    /// publishes customer.upserted with <paramref name="EventId"/> (derived from the vendor's customer id and the time of
    /// the change) when that created or changed anything.
    /// </summary>
    public sealed record CustomerReported(string EventId, ReportedCustomer Customer, DateTimeOffset? Time) : WebhookMapping;

    /// <summary>The connector does not act on this topic; the delivery is kept and marked ignored.</summary>
    public sealed record Ignored(string Reason) : WebhookMapping;

    /// <summary>The payload could not be read or mapped; each error names the vendor's field.</summary>
    public sealed record Failed(IReadOnlyList<MapError> Errors) : WebhookMapping
    {
        /// <summary>The errors as one line for people.</summary>
        public string Reason => string.Join("; ", Errors.Select(error => $"{error.Field}: {error.Reason}"));
    }

    /// <summary>A failure with one error.</summary>
    public static Failed Fail(string field, string reason) => new([new MapError(field, reason)]);
}
