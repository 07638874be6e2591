using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>An e-mail address, trimmed and lower-cased so that it can be matched.</summary>
public readonly record struct EmailAddress
{
    /// <summary>The longest address, as mail systems allow it.</summary>
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    /// <summary>The normalised address.</summary>
    public string Value { get; }

    /// <summary>Accepts local@domain.tld with no spaces; case is folded.</summary>
    public static bool TryParse(string? value, out EmailAddress email, [NotNullWhen(false)] out string? error)
    {
        var text = value?.Trim().ToLowerInvariant();
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (text is null || at < 1 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace)
            || text.Length > MaxLength || !text[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || text.EndsWith('.') || text[at + 1] == '.')
        {
            email = default;
            error = "must be an e-mail address such as name@example.com";
            return false;
        }

        email = new EmailAddress(text);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
