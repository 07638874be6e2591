using System.Globalization;

namespace JewelHub.Mappings.Converters;

/// <summary>
/// Parses dates in the formats legacy exports use. A map lists the formats it accepts in order of preference, so an
/// ambiguous 03/04/2020 is 3 April when dd/MM/yyyy is listed before MM/dd/yyyy and 4 March the other way round.
/// </summary>
public static class DateText
{
    /// <summary>The format names a map may list.</summary>
    public static IReadOnlyList<string> Formats { get; } =
        ["dd/MM/yyyy", "MM/dd/yyyy", "yyyy-MM-dd", "dd/MM/yy", "MM/dd/yy", "dd-MMM-yyyy", "excel"];

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Tries each format in order; the first that reads the text wins.</summary>
    public static bool TryParse(string text, IReadOnlyList<string> formats, out DateOnly date)
    {
        foreach (var format in formats)
        {
            if (TryParse(text.Trim(), format, out date))
            {
                return true;
            }
        }

        date = default;
        return false;
    }

    private static bool TryParse(string text, string format, out DateOnly date)
    {
        date = default;
        if (format == "excel")
        {
            return TryExcel(text, out date);
        }

        var parts = text.Split('/', '-', '.', ' ');
        if (parts.Length != 3)
        {
            return false;
        }

        return format switch
        {
            "dd/MM/yyyy" => TryBuild(parts[2], parts[1], parts[0], 4, out date),
            "MM/dd/yyyy" => TryBuild(parts[2], parts[0], parts[1], 4, out date),
            "yyyy-MM-dd" => TryBuild(parts[0], parts[1], parts[2], 4, out date),
            "dd/MM/yy" => TryBuild(parts[2], parts[1], parts[0], 2, out date),
            "MM/dd/yy" => TryBuild(parts[2], parts[0], parts[1], 2, out date),
            "dd-MMM-yyyy" => TryMonthName(parts, out date),
            _ => false,
        };
    }

    private static bool TryBuild(string year, string month, string day, int yearDigits, out DateOnly date)
    {
        date = default;
        if (year.Length != yearDigits || month.Length is < 1 or > 2 || day.Length is < 1 or > 2
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }

        // Two-digit years: 00-49 are this century, 50-99 the last (birthdays of living customers).
        y = yearDigits == 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
        if (y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryMonthName(string[] parts, out DateOnly date)
    {
        date = default;
        var month = Array.IndexOf(MonthNames, parts[1].Length >= 3 ? parts[1][..3].ToLowerInvariant() : "") + 1;
        return month > 0 && TryBuild(parts[2], month.ToString(CultureInfo.InvariantCulture), parts[0], 4, out date);
    }

    // Excel's 1900 date system counts 1 = 1900-01-01 and wrongly includes 29 February 1900 as serial 60.
    private static bool TryExcel(string text, out DateOnly date)
    {
        date = default;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            || serial < 1 || serial > 2958465 || Math.Floor(serial) == 60)
        {
            return false;
        }

        var days = (int)Math.Floor(serial);
        date = days < 60 ? new DateOnly(1899, 12, 31).AddDays(days) : new DateOnly(1899, 12, 30).AddDays(days);
        return true;
    }
}
