using System.Diagnostics.CodeAnalysis;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Converters;

/// <summary>trim: removes outer whitespace and collapses inner runs to one space; blank becomes missing.</summary>
internal sealed class TrimStep(bool collapse) : ConverterStep
{
    public override string Id => "trim";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        if (collapse)
        {
            text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        return Ok(text.Length == 0 ? null : text, out result, out reason);
    }
}

/// <summary>
/// case: upper, lower or title case. Title upper-cases the first letter of each word and of each part after a hyphen,
/// a full stop or a one-letter prefix with an apostrophe (O'Brien, D'Souza), keeps McDonald's inner capital, lower-cases
/// the rest, and leaves words in non-Latin scripts (Devanagari, Tamil, Greek, ...) as they are.
/// </summary>
internal sealed class CaseStep(string to) : ConverterStep
{
    public static readonly string[] Modes = ["upper", "lower", "title"];

    public override string Id => "case";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = (string)value!;
        return Ok(to switch
        {
            "upper" => text.ToUpperInvariant(),
            "lower" => text.ToLowerInvariant(),
            _ => string.Join(' ', text.Split(' ').Select(Title)),
        }, out result, out reason);
    }

    // A capital starts the word and each part after a hyphen or full stop (Anne-Marie), and after an apostrophe that
    // follows one letter (O'Brien, D'Souza, but John's); McDonald keeps the capital after Mc. A word in a script other
    // than Latin is left as it is.
    private static string Title(string word)
    {
        if (word.Length == 0 || word.AsSpan().ContainsAnyExceptInRange('\0', '\u024F') && word.Any(c => char.IsLetter(c) && c > '\u024F' && c is < '\u1E00' or > '\u1EFF'))
        {
            return word;
        }

        var chars = word.ToLowerInvariant().ToCharArray();
        var capital = true;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsLetter(c))
            {
                chars[i] = capital ? char.ToUpperInvariant(c) : c;
                capital = false;
            }
            else
            {
                capital = c is '\'' or '\u2019' ? i == 1 || (i >= 2 && !char.IsLetter(chars[i - 2])) : !char.IsDigit(c);
            }
        }

        if (chars.Length > 2 && chars[0] == 'M' && chars[1] == 'c' && char.IsLetter(chars[2]))
        {
            chars[2] = char.ToUpperInvariant(chars[2]);
        }

        return new string(chars);
    }
}

/// <summary>
/// first-last: a name written "Last, First" (one comma) becomes "First Last"; a name without a comma is left as it is,
/// and so is one with several commas (the converter cannot tell which part is which).
/// </summary>
internal sealed class FirstLastStep : ConverterStep
{
    public override string Id => "first-last";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = (string)value!;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || text.IndexOf(',', comma + 1) >= 0)
        {
            return Ok(text, out result, out reason);
        }

        var last = text[..comma].Trim();
        var first = text[(comma + 1)..].Trim();
        return Ok(last.Length == 0 ? first : first.Length == 0 ? last : $"{first} {last}", out result, out reason);
    }
}

/// <summary>split: the part at <c>index</c> (negative counts from the end) after splitting on <c>separator</c>.</summary>
internal sealed class SplitStep(string separator, int index) : ConverterStep
{
    public override string Id => "split";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var parts = ((string)value!).Split(separator, StringSplitOptions.TrimEntries);
        var at = index < 0 ? parts.Length + index : index;
        return Ok(at >= 0 && at < parts.Length && parts[at].Length > 0 ? parts[at] : null, out result, out reason);
    }
}

/// <summary>concat: joins several source values with <c>separator</c>, skipping missing ones.</summary>
internal sealed class ConcatStep(string separator) : ConverterStep
{
    public override string Id => "concat";
    public override ValueKind Input => ValueKind.List;
    public override ValueKind Output => ValueKind.Text;
    public override bool HandlesNull => true;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var parts = ((IReadOnlyList<string?>)value!).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return Ok(parts.Count == 0 ? null : string.Join(separator, parts), out result, out reason);
    }
}

/// <summary>coalesce: the first source value that is present.</summary>
internal sealed class CoalesceStep : ConverterStep
{
    public override string Id => "coalesce";
    public override ValueKind Input => ValueKind.List;
    public override ValueKind Output => ValueKind.Text;
    public override bool HandlesNull => true;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason) =>
        Ok(((IReadOnlyList<string?>)value!).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)), out result, out reason);
}

/// <summary>default: <c>value</c> when the source value is missing or blank.</summary>
internal sealed class DefaultStep(string fallback) : ConverterStep
{
    public override string Id => "default";
    public override ValueKind Output => ValueKind.Text;
    public override bool HandlesNull => true;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason) =>
        Ok(string.IsNullOrWhiteSpace((string?)value) ? fallback : value, out result, out reason);
}

/// <summary>
/// legacy-id: strips the system's id prefixes and leading zeros, so "C-00042", "c00042" and "42" are the same id.
/// </summary>
internal sealed class LegacyIdStep(IReadOnlyList<string> prefixes, bool stripZeros) : ConverterStep
{
    public override string Id => "legacy-id";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        var prefix = prefixes.Where(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)).MaxBy(p => p.Length);
        var id = (prefix is null ? text : text[prefix.Length..]).Trim();
        if (stripZeros && id.Length > 0 && id.All(char.IsAsciiDigit))
        {
            id = id.TrimStart('0');
            id = id.Length == 0 ? "0" : id;
        }

        return id.Length == 0 || id.Any(char.IsWhiteSpace)
            ? Fail($"'{text}' is not an id of this system", out result, out reason)
            : Ok(id, out result, out reason);
    }
}

/// <summary>integer: a whole number in the map's number style ("1,200" or "12"); fractions are refused.</summary>
internal sealed class IntegerStep(NumberStyle style) : ConverterStep
{
    public override string Id => "integer";
    public override ValueKind Output => ValueKind.WholeNumber;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason) =>
        DecimalText.TryParse((string)value!, style, out var number) && number == decimal.Truncate(number) && Math.Abs(number) <= int.MaxValue
            ? Ok((int)number, out result, out reason)
            : Fail($"'{value}' is not a whole number", out result, out reason);
}

/// <summary>decimal: a number in the map's number style (1,234.50 / 1.234,50 / 1,23,456.78).</summary>
internal sealed class DecimalStep(NumberStyle style) : ConverterStep
{
    public override string Id => "decimal";
    public override ValueKind Output => ValueKind.Number;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason) =>
        DecimalText.TryParse(((string)value!).TrimEnd('%').Trim(), style, out var number)
            ? Ok(number, out result, out reason)
            : Fail($"'{value}' is not a number in {style.ToString().ToLowerInvariant()} style", out result, out reason);
}
