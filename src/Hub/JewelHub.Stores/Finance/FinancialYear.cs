using System.Globalization;

namespace JewelHub.Stores.Finance;

/// <summary>The Indian financial year, April to March, written "2026-27".</summary>
public static class FinancialYear
{
    /// <summary>The financial year of an instant, judged by the calendar date in the shop's time zone.</summary>
    public static string Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var start = local.Month >= 4 ? local.Year : local.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:00}");
    }
}
