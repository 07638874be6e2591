using System.Globalization;

namespace JewelHub.Mappings.Converters;

/// <summary>Parses decimals as shops and spreadsheets write them, checking that thousands groups are well formed.</summary>
public static class DecimalText
{
    /// <summary>Parses <paramref name="text"/> in the given style; false when the text is not a number in that style.</summary>
    public static bool TryParse(string text, NumberStyle style, out decimal value)
    {
        value = 0;
        var trimmed = text.Trim();
        return style switch
        {
            NumberStyle.En => TryParse(trimmed, '.', [','], indian: false, out value),
            NumberStyle.In => TryParse(trimmed, '.', [','], indian: true, out value),
            NumberStyle.Eu => TryParse(trimmed, ',', ['.', ' ', '\u00a0'], indian: false, out value),
            _ => TryParse(trimmed, '.', [','], indian: false, out value) || TryParse(trimmed, '.', [','], indian: true, out value),
        };
    }

    /// <summary>Parses a style name used in maps: auto, en, eu or in.</summary>
    public static bool TryParseStyle(string name, out NumberStyle style) =>
        Enum.TryParse(name, ignoreCase: true, out style) && Enum.IsDefined(style);

    private static bool TryParse(string text, char decimalMark, char[] groupMarks, bool indian, out decimal value)
    {
        value = 0;
        var negative = text.StartsWith('-') || (text.StartsWith('(') && text.EndsWith(')'));
        var body = text.TrimStart('-', '+', '(').TrimEnd(')');
        var point = body.IndexOf(decimalMark, StringComparison.Ordinal);
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? "" : body[(point + 1)..];
        if (whole.Length == 0 || !fraction.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0))
        {
            return false;
        }

        var groups = whole.Split(groupMarks);
        if (groups.Length > 1 && !GroupsWellFormed(groups, indian))
        {
            return false;
        }

        if (groups.Length == 1 && indian)
        {
            return false;
        }

        var digits = string.Concat(groups);
        if (!digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var invariant = fraction.Length > 0 ? $"{digits}.{fraction}" : digits;
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    private static bool GroupsWellFormed(string[] groups, bool indian)
    {
        if (groups[0].Length is 0 or > 3 || groups[^1].Length != 3)
        {
            return false;
        }

        if (!indian)
        {
            return groups.Skip(1).All(g => g.Length == 3);
        }

        // Indian grouping: the last group has three digits, the ones before it two (1,23,45,678).
        return groups.Skip(1).SkipLast(1).All(g => g.Length == 2) && groups[0].Length <= 2;
    }
}
