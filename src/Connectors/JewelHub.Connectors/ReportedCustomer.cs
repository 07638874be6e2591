using JewelHub.Canonical.Entities;

namespace JewelHub.Connectors;

/// <summary>A customer as a vendor reports them, already in the hub's terms: what the CRM upsert starts from.</summary>
public sealed record ReportedCustomer
{
    /// <summary>The name, else the e-mail or phone when the vendor holds no name.</summary>
    public required string Name { get; init; }
    /// <summary>E.164, e.g. +919876543210; absent when the vendor's number is not a valid one.</summary>
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>An explicit SMS marketing consent statement; null says nothing.</summary>
    public bool? SmsOptIn { get; init; }
    /// <summary>An explicit e-mail marketing consent statement; null says nothing.</summary>
    public bool? EmailOptIn { get; init; }
    /// <summary>The vendor's id for the customer, which later reports match on.</summary>
    public required IReadOnlyList<ExternalReference> References { get; init; }
}
