using System.ComponentModel.DataAnnotations;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Stores.Crm;

namespace JewelHub.Hub.Api.Crm;

/// <summary>POST /api/customers: what one system knows about a customer. Every property is optional here so a missing one is named.</summary>
public sealed record UpsertCustomerRequest
{
    [MaxLength(Bounds.MaxTextLength)]
    public string? Name { get; init; }

    public string? Phone { get; init; }

    [MaxLength(EmailAddress.MaxLength)]
    public string? Email { get; init; }

    public DateOnly? Birthday { get; init; }
    public DateOnly? Anniversary { get; init; }
    public bool? SmsOptIn { get; init; }
    public bool? EmailOptIn { get; init; }
    /// <summary>The postal address; parts the customer already has are kept.</summary>
    public AddressRequest? Address { get; init; }
    [MaxLength(Bounds.MaxNameLength)]
    public string? HomeBranch { get; init; }
    public Dictionary<string, string?>? Preferences { get; init; }
    public List<CustomerReferenceRequest?>? References { get; init; }
    /// <summary>Where the consent statements came from; defaults to the first reference's system, else "api".</summary>
    [MaxLength(Bounds.MaxNameLength)]
    public string? Source { get; init; }

    /// <summary>The store's input, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public CustomerUpsert? Validate(FieldErrors errors, string callingCode, DateOnly today)
    {
        if (errors.Required(Name, "name"))
        {
            errors.Text(Name, "name");
        }

        var phone = Phone is null ? null : errors.Parse<PhoneNumber>(Phone, "phone", (string? raw, out PhoneNumber p, out string? e) => PhoneNumber.TryParse(raw, callingCode, out p, out e));
        var email = Email is null ? null : errors.Parse<EmailAddress>(Email, "email", EmailAddress.TryParse);
        CheckDate(errors, Birthday, "birthday", today);
        CheckDate(errors, Anniversary, "anniversary", today);
        var references = CustomerReferenceRequest.ValidateAll(errors, References);
        if (Phone is null && Email is null && (References is null || References.Count == 0))
        {
            errors.Add("phone", "a phone, an email or a reference is required to match the customer on");
        }

        var preferences = ValidatePreferences(errors);
        var address = new CustomerAddress(
            errors.Text(Address?.Line, "address.line"), errors.Text(Address?.City, "address.city", Bounds.MaxNameLength),
            errors.Text(Address?.State, "address.state", Bounds.MaxNameLength), errors.Text(Address?.Pincode, "address.pincode", 12));
        var homeBranch = errors.Text(HomeBranch, "homeBranch", Bounds.MaxNameLength);
        if (Source is { } source && (string.IsNullOrWhiteSpace(source) || source.Length > Bounds.MaxNameLength))
        {
            errors.Add("source", $"must be 1 to {Bounds.MaxNameLength} characters");
        }

        return errors.Any ? null : new CustomerUpsert
        {
            Name = Name!.Trim(),
            Phone = phone,
            Email = email,
            Birthday = Birthday,
            Anniversary = Anniversary,
            SmsOptIn = SmsOptIn,
            EmailOptIn = EmailOptIn,
            Address = address,
            HomeBranch = homeBranch,
            Preferences = preferences,
            References = references,
            Source = Source?.Trim() ?? references.FirstOrDefault()?.System.ToLowerInvariant() ?? "api",
        };
    }

    private static void CheckDate(FieldErrors errors, DateOnly? date, string field, DateOnly today)
    {
        if (date is { } day && (day > today || day.Year < 1900))
        {
            errors.Add(field, "must be a past date (yyyy-MM-dd) from 1900 on");
        }
    }

    // A preference key that is refused for its length is named by its start, so the problem stays readable.
    private static string Shorten(string field) => field.Length > 100 ? field[..100] + "…" : field;

    private Dictionary<string, string> ValidatePreferences(FieldErrors errors)
    {
        var valid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Preferences ?? [])
        {
            var field = $"preferences.{key}";
            if (key.Length is 0 or > Bounds.MaxNameLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add(Shorten(field), $"a preference key must be 1 to {Bounds.MaxNameLength} letters, digits or - _ .");
            }
            else if (value is null || value.Length > Bounds.MaxTextLength)
            {
                errors.Add(field, $"a preference value must be a string of at most {Bounds.MaxTextLength} characters");
            }
            else
            {
                valid[key] = value;
            }
        }

        return valid;
    }
}

/// <summary>The id one system uses for the customer.</summary>
public sealed record CustomerReferenceRequest
{
    [MaxLength(MaxSystemLength)]
    public string? System { get; init; }

    [MaxLength(Bounds.MaxIdLength)]
    public string? ExternalId { get; init; }

    /// <summary>The longest system id (pos, shopify, woocommerce).</summary>
    private const int MaxSystemLength = 40;

    internal static List<ExternalReference> ValidateAll(FieldErrors errors, List<CustomerReferenceRequest?>? references)
    {
        var valid = new List<ExternalReference>();
        for (var i = 0; i < (references?.Count ?? 0); i++)
        {
            var field = $"references[{i}]";
            if (!errors.Required(references![i], field))
            {
                continue;
            }

            var (system, externalId) = (references[i]!.System?.Trim(), references[i]!.ExternalId?.Trim());
            var ok = errors.Required(system, $"{field}.system") & errors.Required(externalId, $"{field}.externalId");
            if (system is { Length: > 0 } && (system.Length > MaxSystemLength || !system.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                errors.Add($"{field}.system", $"must be 1 to {MaxSystemLength} letters, digits or - _ . (e.g. pos, shopify)");
                ok = false;
            }

            if (externalId is { Length: > Bounds.MaxIdLength })
            {
                errors.Add($"{field}.externalId", $"must be at most {Bounds.MaxIdLength} characters");
                ok = false;
            }

            if (ok)
            {
                valid.Add(new ExternalReference(system!, externalId!));
            }
        }

        return valid;
    }
}

/// <summary>A customer's postal address as a client sends it; every part optional.</summary>
public sealed record AddressRequest(string? Line, string? City, string? State, string? Pincode);
