using JewelHub.Canonical.Entities;

namespace JewelHub.Canonical.Events;

/// <summary>The data of customer.upserted: the canonical customer after the hub matched or created them.</summary>
public sealed record CustomerUpsertedData
{
    /// <summary>The canonical customer's id.</summary>
    public required Guid CustomerId { get; init; }
    /// <summary>created, matched (nothing new) or updated.</summary>
    public required string Outcome { get; init; }
    public required string Name { get; init; }
    /// <summary>E.164, e.g. +919876543210.</summary>
    public string? Phone { get; init; }
    /// <summary>Lower-case e-mail address.</summary>
    public string? Email { get; init; }
    public DateOnly? Birthday { get; init; }
    public DateOnly? Anniversary { get; init; }
    public bool SmsOptIn { get; init; }
    public bool EmailOptIn { get; init; }
    /// <summary>Every id another system uses for the customer.</summary>
    public IReadOnlyList<ExternalReference> References { get; init; } = [];
}
