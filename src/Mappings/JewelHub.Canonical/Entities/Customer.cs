using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>One canonical customer, however many systems know them and under whatever ids.</summary>
public sealed record Customer
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public PhoneNumber? Phone { get; init; }
    public EmailAddress? Email { get; init; }
    public DateOnly? Birthday { get; init; }
    public DateOnly? Anniversary { get; init; }
    /// <summary>Whether the customer agreed to receive SMS/WhatsApp messages.</summary>
    public bool SmsOptIn { get; init; }
    /// <summary>Whether the customer agreed to receive e-mail.</summary>
    public bool EmailOptIn { get; init; }
    /// <summary>The postal address; <see cref="CustomerAddress.None"/> when the shop has none.</summary>
    public CustomerAddress Address { get; init; } = CustomerAddress.None;
    /// <summary>The branch the customer belongs to (a branch code such as MUM), or null.</summary>
    public string? HomeBranch { get; init; }
    /// <summary>
    /// What an old system knew that has no field of its own (its column name -> the text it held), kept by a migration
    /// so that nothing is lost, e.g. loyalty_points -> 1200.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>Free-form preferences (favourite metal, ring size, style).</summary>
    public IReadOnlyDictionary<string, string> Preferences { get; init; } = new Dictionary<string, string>();
    /// <summary>The ids other systems use for this customer.</summary>
    public IReadOnlyList<ExternalReference> References { get; init; } = [];
}

/// <summary>An id that one system uses for a canonical record, e.g. (shopify, 820982911946154508) or (legacy-pos, C-00042).</summary>
public sealed record ExternalReference(string System, string ExternalId)
{
    /// <summary>The id as the other system printed it when it differs in form from <see cref="ExternalId"/> (C-00042 for 42), or null.</summary>
    public string? AsPrinted { get; init; }
}
