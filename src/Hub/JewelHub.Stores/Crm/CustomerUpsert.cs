using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Crm;

/// <summary>
/// What one system knows about a customer. Matched against the canonical customers by reference, then phone, then
/// e-mail; fields the canonical customer lacks are filled in, fields it has are kept.
/// </summary>
public sealed record CustomerUpsert
{
    public required string Name { get; init; }
    public PhoneNumber? Phone { get; init; }
    public EmailAddress? Email { get; init; }
    public DateOnly? Birthday { get; init; }
    public DateOnly? Anniversary { get; init; }
    /// <summary>The postal address; parts the customer already has are kept.</summary>
    public CustomerAddress Address { get; init; } = CustomerAddress.None;
    /// <summary>The customer's home branch (a branch code); kept when the customer already has one.</summary>
    public string? HomeBranch { get; init; }
    /// <summary>An explicit SMS consent statement; null says nothing and changes nothing.</summary>
    public bool? SmsOptIn { get; init; }
    /// <summary>An explicit e-mail consent statement; null says nothing and changes nothing.</summary>
    public bool? EmailOptIn { get; init; }
    /// <summary>Preferences to add; keys the customer already has keep their values.</summary>
    public IReadOnlyDictionary<string, string> Preferences { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ExternalReference> References { get; init; } = [];
    /// <summary>Where the statement came from (a system id such as "pos"), recorded with consent changes.</summary>
    public string Source { get; init; } = "hub";
}

/// <summary>What an upsert did.</summary>
public enum CustomerUpsertOutcome
{
    /// <summary>No canonical customer matched; one was created.</summary>
    Created,
    /// <summary>A canonical customer matched and already held everything given.</summary>
    Matched,
    /// <summary>A canonical customer matched and gained fields, references, preferences or a consent change.</summary>
    Updated,
}

/// <summary>The canonical customer after an upsert, and what the upsert did.</summary>
public sealed record CustomerUpsertResult(Customer Customer, CustomerUpsertOutcome Outcome);
