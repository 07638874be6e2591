using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>The tag, barcode or SKU that identifies a piece or a stock item across the hub.</summary>
public readonly record struct Sku
{
    private Sku(string value) => Value = value;

    /// <summary>The identifier as printed on the tag.</summary>
    public string Value { get; }

    /// <summary>Accepts 1 to <see cref="Bounds.MaxIdLength"/> letters, digits and - _ . / characters.</summary>
    public static bool TryParse(string? value, out Sku sku, [NotNullWhen(false)] out string? error)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Bounds.MaxIdLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            sku = default;
            error = $"must be 1 to {Bounds.MaxIdLength} letters, digits or - _ . /";
            return false;
        }

        sku = new Sku(text);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
