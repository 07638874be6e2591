namespace JewelHub.Stores.Crm;

/// <summary>A crm.customers row as Dapper reads it.</summary>
internal sealed class CustomerRow
{
    public const string Columns = "id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, address_line, city, state, pincode, home_branch, attributes";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? PhoneE164 { get; init; }
    public string? Email { get; init; }
    public DateOnly? Birthday { get; init; }
    public DateOnly? Anniversary { get; init; }
    public bool SmsOptIn { get; init; }
    public bool EmailOptIn { get; init; }
    public string? AddressLine { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Pincode { get; init; }
    public string? HomeBranch { get; init; }
    public string? Attributes { get; init; }
}
