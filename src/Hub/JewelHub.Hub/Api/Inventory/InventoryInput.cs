using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Checks for the numbers the inventory API accepts: grams to the milligram, money to the paisa.</summary>
internal static class InventoryInput
{
    /// <summary>A required weight in grams: 0 to <see cref="Bounds.MaxGrams"/>, at most three decimals.</summary>
    public static Grams? Weight(this FieldErrors errors, decimal? value, string field)
    {
        if (!errors.Required(value, field))
        {
            return null;
        }

        if (value!.Value is < 0 or > Bounds.MaxGrams)
        {
            errors.Add(field, $"must be between 0 and {Inputs.Number(Bounds.MaxGrams)} grams");
            return null;
        }

        if (value.Value != Math.Round(value.Value, 3))
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

    /// <summary>An optional percentage (0 when left out): 0 to <see cref="Bounds.MaxPercent"/>, at most two decimals.</summary>
    public static decimal Percent(this FieldErrors errors, decimal? value, string field) => errors.Money(value, field, Bounds.MaxPercent);

    /// <summary>A branch, category or reference: present, at most <see cref="Bounds.MaxNameLength"/> characters, no control characters.</summary>
    public static string? Name(this FieldErrors errors, string? value, string field) =>
        errors.Required(value, field) ? errors.Text(value, field, Bounds.MaxNameLength) : null;

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
