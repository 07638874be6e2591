using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>An ISO 4217 alphabetic currency code, always upper case (INR, USD, AED).</summary>
public readonly record struct Currency
{
    private Currency(string code) => Code = code;

    /// <summary>The three-letter code.</summary>
    public string Code { get; }

    /// <summary>Indian rupee, the default currency of a JewelHub installation.</summary>
    public static Currency Inr { get; } = new("INR");

    /// <summary>Parses a three-letter ISO 4217 code; case is ignored.</summary>
    public static bool TryParse(string? value, out Currency currency, [NotNullWhen(false)] out string? error)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            currency = default;
            error = "must be a three-letter ISO 4217 currency code, e.g. INR";
            return false;
        }

        currency = new Currency(code);
        error = null;
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static Currency Parse(string value) =>
        TryParse(value, out var currency, out var error) ? currency : throw new FormatException($"'{value}' {error}");

    public override string ToString() => Code ?? "";
}
