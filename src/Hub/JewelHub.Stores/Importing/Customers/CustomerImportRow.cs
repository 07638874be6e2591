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
    bool EmailOptIn);
