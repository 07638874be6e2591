using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>A hallmark unique identification: six letters or digits, unique per hallmarked piece.</summary>
public readonly record struct Huid
{
    private Huid(string value) => Value = value;

    /// <summary>The six characters, upper case.</summary>
    public string Value { get; }

    /// <summary>Parses a HUID; case is ignored, surrounding blanks are trimmed.</summary>
    public static bool TryParse(string? value, out Huid huid, [NotNullWhen(false)] out string? error)
    {
        var text = value?.Trim().ToUpperInvariant();
        if (text is null || text.Length != 6 || !text.All(char.IsAsciiLetterOrDigit))
        {
            huid = default;
            error = "must be six letters or digits, e.g. AB12CD";
            return false;
        }

        huid = new Huid(text);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
