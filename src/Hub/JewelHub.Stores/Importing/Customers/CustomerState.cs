using System.Security.Cryptography;
using System.Text;

namespace JewelHub.Stores.Importing.Customers;

/// <summary>A customer as the importer sees it while resolving a batch: loaded from the database or new in the batch.</summary>
internal sealed class CustomerState
{
    public string Id { get; init; } = "";
    public string Name { get; set; } = "";
    public string? PhoneE164 { get; set; }
    public string? Email { get; set; }
    public DateOnly? Birthday { get; set; }
    public DateOnly? Anniversary { get; set; }
    public bool SmsOptIn { get; set; }
    public bool EmailOptIn { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Pincode { get; set; }
    public string? HomeBranch { get; set; }
    /// <summary>The stored attributes JSON object, or null.</summary>
    public string? Attributes { get; set; }
    public bool IsNew { get; set; }

    /// <summary>The external id the batch's look-up found this customer by, if it was found by reference.</summary>
    public string? ReferencedAs { get; init; }
    public bool Changed { get; set; }

    /// <summary>
    /// The id of a customer first seen as (system, external id). Derived, not random, so that an interrupted and resumed
    /// import ends with exactly the rows an uninterrupted one writes.
    /// </summary>
    public static string IdFor(string system, string externalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"jewelhub-import\n{system}\n{externalId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>The customer as written to the store: neither new nor changed any more.</summary>
    public CustomerState AsStored() => new()
    {
        Id = Id,
        Name = Name,
        PhoneE164 = PhoneE164,
        Email = Email,
        Birthday = Birthday,
        Anniversary = Anniversary,
        SmsOptIn = SmsOptIn,
        EmailOptIn = EmailOptIn,
        AddressLine = AddressLine,
        City = City,
        State = State,
        Pincode = Pincode,
        HomeBranch = HomeBranch,
        Attributes = Attributes,
    };

    /// <summary>
    /// Fills what the customer lacks from a row and turns opt-ins on, never overwriting a value: the hub's record wins
    /// over a legacy export, and applying the same row twice changes nothing the second time.
    /// </summary>
    public bool FillFrom(CustomerImportRow row, Func<string, bool> phoneFree, Func<string, bool> emailFree)
    {
        var changed = false;
        if (PhoneE164 is null && row.Phone is not null && phoneFree(row.Phone))
        {
            PhoneE164 = row.Phone;
            changed = true;
        }

        if (Email is null && row.Email is not null && emailFree(row.Email))
        {
            Email = row.Email;
            changed = true;
        }

        if (Birthday is null && row.Birthday is not null)
        {
            Birthday = row.Birthday;
            changed = true;
        }

        if (Anniversary is null && row.Anniversary is not null)
        {
            Anniversary = row.Anniversary;
            changed = true;
        }

        changed |= FillText(AddressLine, row.Address.Line, v => AddressLine = v) | FillText(City, row.Address.City, v => City = v)
            | FillText(State, row.Address.State, v => State = v) | FillText(Pincode, row.Address.Pincode, v => Pincode = v)
            | FillText(HomeBranch, row.HomeBranch, v => HomeBranch = v);
        var attributes = RecordAttributes.Merge(Attributes, row.Attributes);
        if (!ReferenceEquals(attributes, Attributes))
        {
            Attributes = attributes;
            changed = true;
        }

        if ((row.SmsOptIn && !SmsOptIn) || (row.EmailOptIn && !EmailOptIn))
        {
            SmsOptIn |= row.SmsOptIn;
            EmailOptIn |= row.EmailOptIn;
            changed = true;
        }

        Changed |= changed;
        return changed;
    }

    private static bool FillText(string? current, string? given, Action<string> set)
    {
        if (current is not null || given is null)
        {
            return false;
        }

        set(given);
        return true;
    }
}
