using Dapper;

namespace JewelHub.Stores.Crm;

public sealed partial class CrmStore
{
    // *_md is month * 100 + day; a window that crosses the year end is two ranges.
    private const string SelectSpecialDates = """
        SELECT id, name, birthday, anniversary FROM customers
        WHERE birthday_md BETWEEN @From1 AND @To1 OR birthday_md BETWEEN @From2 AND @To2
           OR anniversary_md BETWEEN @From1 AND @To1 OR anniversary_md BETWEEN @From2 AND @To2
        """;

    /// <summary>
    /// Birthdays and anniversaries falling on the <paramref name="days"/> days starting at <paramref name="from"/>
    /// (1 to 366), across the year end if the window crosses it, in date order.
    /// </summary>
    public async Task<IReadOnlyList<SpecialDate>> UpcomingSpecialDatesAsync(DateOnly from, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 366);
        var until = from.AddDays(days);
        var last = until.AddDays(-1);
        var ranges = days >= 365
            ? new { From1 = 101, To1 = 1231, From2 = 0, To2 = -1 }
            : last.Year == from.Year
                ? new { From1 = MonthDay(from), To1 = Widen(MonthDay(last)), From2 = 0, To2 = -1 }
                : new { From1 = MonthDay(from), To1 = 1231, From2 = 101, To2 = Widen(MonthDay(last)) };

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SpecialDateRow>(Command(SelectSpecialDates, ranges, null, cancellationToken));
        var found = new List<SpecialDate>();
        foreach (var row in rows)
        {
            Add(found, row, SpecialDateKind.Birthday, row.Birthday, from, until);
            Add(found, row, SpecialDateKind.Anniversary, row.Anniversary, from, until);
        }

        return found.OrderBy(d => d.On).ThenBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Kind).ToList();
    }

    private static void Add(List<SpecialDate> found, SpecialDateRow row, SpecialDateKind kind, DateOnly? date, DateOnly from, DateOnly until)
    {
        if (date is not { } day)
        {
            return;
        }

        var on = OnYear(day, from.Year);
        if (on < from)
        {
            on = OnYear(day, from.Year + 1);
        }

        if (on < until)
        {
            found.Add(new SpecialDate(Guid.Parse(row.Id), row.Name, kind, day, on, on.Year - day.Year));
        }
    }

    /// <summary>The day in <paramref name="year"/>; 29 February falls on 28 February outside leap years.</summary>
    private static DateOnly OnYear(DateOnly date, int year) =>
        new(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));

    private static int MonthDay(DateOnly date) => date.Month * 100 + date.Day;

    // A window ending on 28 February also holds the 29 February dates that fall on it in a common year.
    private static int Widen(int monthDay) => monthDay == 228 ? 229 : monthDay;

    private sealed class SpecialDateRow
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public DateOnly? Birthday { get; init; }
        public DateOnly? Anniversary { get; init; }
    }
}
