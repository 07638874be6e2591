using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using JewelHub.Canonical.Values;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Converters;

/// <summary>date: a calendar date, trying <c>formats</c> in the order given (the explicit preference for ambiguous dates).</summary>
internal sealed class DateStep(IReadOnlyList<string> formats) : ConverterStep
{
    public override string Id => "date";
    public override ValueKind Output => ValueKind.Date;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason) =>
        DateText.TryParse((string)value!, formats, out var date)
            ? Ok(date, out result, out reason)
            : Fail($"'{value}' is not a date in any of: {string.Join(", ", formats)}", out result, out reason);
}

/// <summary>
/// datetime: an instant. ISO 8601 text with an offset is taken as written; otherwise a date in <c>formats</c> with an
/// optional HH:mm[:ss] time is read as local time at <c>offset</c> (default +05:30, India).
/// </summary>
internal sealed class DateTimeStep(IReadOnlyList<string> formats, TimeSpan offset) : ConverterStep
{
    public override string Id => "datetime";
    public override ValueKind Output => ValueKind.Instant;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return Ok(iso.ToUniversalTime(), out result, out reason);
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var datePart = colon > 0 && space > 0 ? text[..text.LastIndexOf(' ', colon)] : text;
        var timePart = colon > 0 && space > 0 ? text[(text.LastIndexOf(' ', colon) + 1)..] : "00:00";
        if (!DateText.TryParse(datePart, formats, out var date)
            || !TimeOnly.TryParseExact(timePart, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return Fail($"'{text}' is not a date and time in any of: {string.Join(", ", formats)} (time HH:mm[:ss])", out result, out reason);
        }

        return Ok(new DateTimeOffset(date.ToDateTime(time), offset).ToUniversalTime(), out result, out reason);
    }
}

/// <summary>phone: an E.164 number; national numbers get <c>defaultCountry</c> (IN, or a calling code such as 91).</summary>
internal sealed class PhoneStep(string callingCode, int nationalLength) : ConverterStep
{
    public override string Id => "phone";
    public override ValueKind Output => ValueKind.Phone;

    public static readonly Dictionary<string, (string Code, int NationalLength)> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IN"] = ("91", 10),
        ["US"] = ("1", 10),
        ["CA"] = ("1", 10),
        ["GB"] = ("44", 10),
        ["AE"] = ("971", 9),
        ["SG"] = ("65", 8),
        ["AU"] = ("61", 9),
        ["SA"] = ("966", 9),
        ["QA"] = ("974", 8),
        ["NP"] = ("977", 10),
        ["LK"] = ("94", 9),
        ["BD"] = ("880", 10),
        ["MY"] = ("60", 9),
    };

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        // Exports often drop the "+" but keep the country code: 919876543210 is +91 98765 43210, not a national number.
        if (!text.StartsWith('+') && !text.StartsWith("00", StringComparison.Ordinal) && nationalLength > 0
            && digits.Length == callingCode.Length + nationalLength && digits.StartsWith(callingCode, StringComparison.Ordinal))
        {
            text = "+" + digits;
        }

        return PhoneNumber.TryParse(text, callingCode, out var phone, out var problem)
            ? Ok(phone, out result, out reason)
            : Fail($"'{value}' {problem}", out result, out reason);
    }
}

/// <summary>email: trimmed, lower-cased and checked; a "mailto:" prefix is dropped.</summary>
internal sealed class EmailStep : ConverterStep
{
    public override string Id => "email";
    public override ValueKind Output => ValueKind.Email;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        text = text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
        return EmailAddress.TryParse(text, out var email, out var problem)
            ? Ok(email, out result, out reason)
            : Fail($"'{value}' {problem}", out result, out reason);
    }
}

/// <summary>money: an amount with its currency from a symbol or code in the text (₹, Rs., INR, $, USD), else <c>currency</c>.</summary>
internal sealed class MoneyStep(Currency currency, NumberStyle style) : ConverterStep
{
    private static readonly (string Mark, string Code)[] Marks =
    [
        ("₹", "INR"), ("Rs.", "INR"), ("Rs", "INR"), ("INR", "INR"), ("US$", "USD"), ("$", "USD"), ("USD", "USD"),
        ("AED", "AED"), ("€", "EUR"), ("EUR", "EUR"), ("£", "GBP"), ("GBP", "GBP"),
    ];

    public override string Id => "money";
    public override ValueKind Output => ValueKind.Money;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        var found = currency;
        foreach (var (mark, code) in Marks)
        {
            if (text.StartsWith(mark, StringComparison.OrdinalIgnoreCase) || text.EndsWith(mark, StringComparison.OrdinalIgnoreCase))
            {
                found = Currency.Parse(code);
                text = (text.StartsWith(mark, StringComparison.OrdinalIgnoreCase) ? text[mark.Length..] : text[..^mark.Length]).Trim();
                break;
            }
        }

        if (!DecimalText.TryParse(text, style, out var amount))
        {
            return Fail($"'{value}' is not an amount of money", out result, out reason);
        }

        return Math.Abs(amount) <= Bounds.MaxAmount
            ? Ok(new Money(amount, found), out result, out reason)
            : Fail($"'{value}' is more than the largest amount the hub accepts, {Bounds.MaxAmount}", out result, out reason);
    }
}
