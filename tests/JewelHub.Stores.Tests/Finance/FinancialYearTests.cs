using JewelHub.Stores.Finance;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

public sealed class FinancialYearTests
{
    private static readonly TimeZoneInfo Kolkata = new FinanceOptions().ResolveTimeZone();

    [Theory]
    [InlineData("2026-04-01T00:00:00+05:30", "2026-27")]
    [InlineData("2026-03-31T23:59:59+05:30", "2025-26")]
    [InlineData("2026-03-31T19:00:00+00:00", "2026-27")]
    [InlineData("2027-01-15T12:00:00+00:00", "2026-27")]
    [InlineData("2099-12-31T12:00:00+00:00", "2099-00")]
    public void Of_InstantInShopZone_AprilToMarchYear(string instant, string expected)
    {
        Assert.Equal(expected, FinancialYear.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Kolkata));
    }
}
