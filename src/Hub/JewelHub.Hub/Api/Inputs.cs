using System.Globalization;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api;

/// <summary>
/// Checks on the values the business endpoints accept, against the limits in <see cref="Bounds"/>: money in the major
/// unit (rupees) with two decimals, grams with three, quantities, ids, names and business dates. Each answers a
/// sentence saying what is allowed and returns null when the value is refused.
/// </summary>
internal static class Inputs
{
    /// <summary>Records a problem unless the amount is present, more than zero, at most <paramref name="max"/> and has at most two decimals.</summary>
    public static decimal? Positive(this FieldErrors errors, decimal? amount, string field, decimal max = Bounds.MaxAmount)
    {
        if (!errors.Required(amount, field))
        {
            return null;
        }

        if (amount <= 0m || amount > max)
        {
            errors.Add(field, $"must be more than 0 and at most {Number(max)}");
            return null;
        }

        if (decimal.Round(amount!.Value, 2) != amount.Value)
        {
            errors.Add(field, "must have at most two decimal places");
            return null;
        }

        return amount;
    }

    /// <summary>An optional amount (0 when left out): 0 to <paramref name="max"/>, at most two decimals.</summary>
    public static decimal Money(this FieldErrors errors, decimal? value, string field, decimal max = Bounds.MaxAmount)
    {
        if (value is not { } amount)
        {
            return 0m;
        }

        if (amount < 0 || amount > max)
        {
            errors.Add(field, $"must be between 0 and {Number(max)}");
        }
        else if (amount != Math.Round(amount, 2))
        {
            errors.Add(field, "must have at most two decimal places");
        }

        return amount;
    }

    /// <summary>A quantity of 1 to <see cref="Bounds.MaxQuantity"/>; <paramref name="fallback"/> when left out, or required when there is none.</summary>
    public static int? Quantity(this FieldErrors errors, int? value, string field, int? fallback = null)
    {
        if (value is null && fallback is not null)
        {
            return fallback;
        }

        if (!errors.Required(value, field))
        {
            return null;
        }

        if (value is < 1 or > Bounds.MaxQuantity)
        {
            errors.Add(field, $"must be between 1 and {Number(Bounds.MaxQuantity)}");
            return null;
        }

        return value;
    }

    /// <summary>A required id addressed in a URL: 1 to <see cref="Bounds.MaxIdLength"/> letters, digits or - _ . : (no '/').</summary>
    public static string? Id(this FieldErrors errors, string? value, string field)
    {
        if (!errors.Required(value, field))
        {
            return null;
        }

        if (value!.Length > Bounds.MaxIdLength || !value.All(IsIdCharacter))
        {
            errors.Add(field, $"must be 1 to {Bounds.MaxIdLength} letters, digits or - _ . : (no spaces or '/')");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Optional text of at most <paramref name="max"/> characters with no control characters; null when left out or
    /// blank, trimmed otherwise.
    /// </summary>
    public static string? Text(this FieldErrors errors, string? value, string field, int max = Bounds.MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > max || text.Any(char.IsControl))
        {
            errors.Add(field, $"must be at most {max} characters, without control characters");
            return null;
        }

        return text;
    }

    /// <summary>A required business date between <see cref="Bounds.EarliestDate"/> and now plus <see cref="Bounds.FutureSlack"/>.</summary>
    public static DateTimeOffset? BusinessDate(this FieldErrors errors, DateTimeOffset? value, string field, TimeProvider clock)
    {
        if (!errors.Required(value, field))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (!Bounds.IsPlausibleDate(value!.Value, now))
        {
            errors.Add(field, Bounds.DateWindow(now));
            return null;
        }

        return value;
    }

    /// <summary>A number as people write it: 1,000,000,000.</summary>
    public static string Number(decimal value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
