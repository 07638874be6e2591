using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>A phone number in E.164 form (+919876543210), the key customers are matched on.</summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    /// <summary>The number in E.164 form.</summary>
    public string Value { get; }

    /// <summary>
    /// Normalises a number as shops type it: spaces, dashes, dots and brackets are dropped; 00 becomes +;
    /// a national number (optionally with a trunk 0) gets the default country calling code.
    /// </summary>
    public static bool TryParse(string? value, string defaultCallingCode, out PhoneNumber phone, [NotNullWhen(false)] out string? error)
    {
        phone = default;
        error = "must be a phone number in E.164 form (+919876543210) or a national number";
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = new string(value.Trim().Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }
        else if (!text.StartsWith('+'))
        {
            text = "+" + defaultCallingCode + text.TrimStart('0');
        }

        var digits = text[1..];
        if (digits.Length is < 8 or > 15 || !digits.All(char.IsAsciiDigit) || digits[0] == '0')
        {
            return false;
        }

        phone = new PhoneNumber(text);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
