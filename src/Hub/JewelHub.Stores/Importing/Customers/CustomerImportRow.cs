using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Importing.Customers;

/// <summary>One mapped customer row of a legacy file: the system's id and what it says about the person.</summary>
public sealed record CustomerImportRow(
    long RowNumber,
    string ExternalId,
    string Name,
    string? Phone,
    string? Email,
    DateOnly? Birthday,
    DateOnly? Anniversary,
    bool SmsOptIn,
    bool EmailOptIn)
{
    /// <summary>The postal address the row gives (any part may be missing).</summary>
    public CustomerAddress Address { get; init; } = CustomerAddress.None;

    /// <summary>The branch the customer belongs to in the old system, or null.</summary>
    public string? HomeBranch { get; init; }

    /// <summary>The legacy id as the old system printed it (C-01000), kept beside its stored form, or null.</summary>
    public string? PrintedId { get; init; }

    /// <summary>The row's unread columns as a JSON object of texts, or null.</summary>
    public string? Attributes { get; init; }
}
