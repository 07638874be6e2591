using JewelHub.Canonical.Values;
using Xunit;

namespace JewelHub.Canonical.Tests.Values;

public sealed class ValueTypeTests
{
    [Theory]
    [InlineData(24, 999)]
    [InlineData(22, 916)]
    [InlineData(20, 833)]
    [InlineData(18, 750)]
    [InlineData(14, 585)]
    public void Fineness_GoldKarat_MapsToBisGrade(int karat, int expected)
    {
        Assert.True(Fineness.TryFromGoldKarat(karat, out var fineness));
        Assert.Equal(expected, fineness.PartsPerThousand);
        Assert.Equal(karat, fineness.GoldKarat);
    }

    [Theory]
    [InlineData(Metal.Gold, 917)]
    [InlineData(Metal.Gold, 925)]
    [InlineData(Metal.Silver, 916)]
    [InlineData(Metal.Platinum, 750)]
    public void Fineness_NotAGradeOfTheMetal_Refused(Metal metal, int partsPerThousand)
    {
        Assert.False(Fineness.TryCreate(metal, partsPerThousand, out _, out var error));
        Assert.Contains(partsPerThousand.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fineness_Hallmark_CombinesKaratAndGrade()
    {
        Assert.Equal("22K916", Fineness.Of(Metal.Gold, 916).HallmarkFor(Metal.Gold));
        Assert.Equal("925", Fineness.Of(Metal.Silver, 925).HallmarkFor(Metal.Silver));
    }

    [Fact]
    public void Grams_RoundsToMilligramAndRefusesNegative()
    {
        Assert.Equal(10.124m, Grams.Of(10.1235m).Value);
        Assert.False(Grams.TryCreate(-0.001m, out _, out _));
        Assert.Equal(9.160m, Grams.Of(10m).FineAt(Fineness.Of(Metal.Gold, 916)).Value);
    }

    [Fact]
    public void GemCarat_ToGrams_IsOneFifthGram()
    {
        Assert.Equal(0.5m, GemCarat.Of(2.5m).ToGrams().Value);
        Assert.Equal(4.5m, Grams.Of(5m).Minus(GemCarat.Of(2.5m).ToGrams()).Value);
    }

    [Theory]
    [InlineData("ab12cd", true, "AB12CD")]
    [InlineData(" XY9Z01 ", true, "XY9Z01")]
    [InlineData("AB12C", false, null)]
    [InlineData("AB-12C", false, null)]
    [InlineData("AB12CDE", false, null)]
    public void Huid_SixAlphanumerics(string raw, bool valid, string? expected)
    {
        Assert.Equal(valid, Huid.TryParse(raw, out var huid, out _));
        if (valid)
        {
            Assert.Equal(expected, huid.Value);
        }
    }

    [Theory]
    [InlineData("+91 98765 43210", "+919876543210")]
    [InlineData("098765-43210", "+919876543210")]
    [InlineData("9876543210", "+919876543210")]
    [InlineData("0091 (98765) 43210", "+919876543210")]
    [InlineData("+971 50 123 4567", "+971501234567")]
    public void PhoneNumber_ShopFormats_NormaliseToE164(string raw, string expected)
    {
        Assert.True(PhoneNumber.TryParse(raw, "91", out var phone, out _));
        Assert.Equal(expected, phone.Value);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("phone")]
    [InlineData("")]
    public void PhoneNumber_NotANumber_Refused(string raw) => Assert.False(PhoneNumber.TryParse(raw, "91", out _, out _));

    [Theory]
    [InlineData(" Asha.Rao@Example.COM ", true)]
    [InlineData("asha@", false)]
    [InlineData("asha rao@example.com", false)]
    [InlineData("@example.com", false)]
    public void EmailAddress_NormalisedOrRefused(string raw, bool valid)
    {
        Assert.Equal(valid, EmailAddress.TryParse(raw, out var email, out _));
        if (valid)
        {
            Assert.Equal("asha.rao@example.com", email.Value);
        }
    }

    [Fact]
    public void Money_DifferentCurrencies_RefusedNotConverted()
    {
        var rupees = new Money(100m, Currency.Inr);
        var dollars = new Money(1m, Currency.Parse("usd"));

        Assert.Throws<CurrencyMismatchException>(() => rupees.Plus(dollars));
        Assert.Equal(10_050, new Money(100.499m, Currency.Inr).Plus(new Money(0.001m, Currency.Inr)).ToMinorUnits());
        Assert.False(Currency.TryParse("RUPEE", out _, out _));
    }
}
