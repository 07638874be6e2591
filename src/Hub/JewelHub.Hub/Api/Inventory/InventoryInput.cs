using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Checks for the numbers the inventory API accepts: grams to the milligram, money to the paisa.</summary>
internal static class InventoryInput
{
    /// <summary>A required weight in grams: not negative, at most three decimals.</summary>
    public static Grams? Weight(this FieldErrors errors, decimal? value, string field)
    {
        if (!errors.Required(value, field))
        {
            return null;
        }

        if (value!.Value != Math.Round(value.Value, 3))
        {
            errors.Add(field, "must be grams with at most three decimals (milligrams)");
            return null;
        }

        if (Grams.TryCreate(value.Value, out var grams, out var error))
        {
            return grams;
        }

        errors.Add(field, error);
        return null;
    }

    /// <summary>An optional amount: not negative, at most two decimals (percentages and rupees alike).</summary>
    public static decimal Amount(this FieldErrors errors, decimal? value, string field)
    {
        if (value is not { } amount)
        {
            return 0m;
        }

        if (amount < 0)
        {
            errors.Add(field, "must not be negative");
        }
        else if (amount != Math.Round(amount, 2))
        {
            errors.Add(field, "must have at most two decimals");
        }

        return amount;
    }

    /// <summary>A branch, category or reference: present, at most 64 characters.</summary>
    public static string? Name(this FieldErrors errors, string? value, string field)
    {
        if (!errors.Required(value, field))
        {
            return null;
        }

        if (value!.Trim().Length > 64)
        {
            errors.Add(field, "must be at most 64 characters");
            return null;
        }

        return value.Trim();
    }

    /// <summary>A fineness that is a hallmark grade of the metal; reported on the fineness field.</summary>
    public static Fineness? Fineness(this FieldErrors errors, Metal? metal, int? value, string field)
    {
        if (!errors.Required(value, field) || metal is null)
        {
            return null;
        }

        if (Canonical.Values.Fineness.TryCreate(metal.Value, value!.Value, out var fineness, out var error))
        {
            return fineness;
        }

        errors.Add(field, error);
        return null;
    }

    /// <summary>A four- to eight-digit HSN code, 7113 by default for jewellery.</summary>
    public static string Hsn(this FieldErrors errors, string? value, string fallback, string field)
    {
        var hsn = string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
        if (hsn.Length is < 4 or > 8 || !hsn.All(char.IsAsciiDigit))
        {
            errors.Add(field, "must be an HSN code of four to eight digits, e.g. 7113");
        }

        return hsn;
    }
}
