using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Values;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Converters;

/// <summary>lookup: replaces a code with its value from <c>table</c>; unknown codes fail unless <c>fallback</c> is given.</summary>
internal sealed class LookupStep(IReadOnlyList<(string Key, string Value)> table, bool ignoreCase, string? fallback) : ConverterStep
{
    private readonly Dictionary<string, string> _table = table
        .GroupBy(p => p.Key, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Value, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public override string Id => "lookup";
    public override ValueKind Output => ValueKind.Text;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var key = ((string)value!).Trim();
        return _table.TryGetValue(key, out var found) ? Ok(found, out result, out reason)
            : fallback is not null ? Ok(fallback, out result, out reason)
            : Fail($"'{key}' is not one of: {string.Join(", ", _table.Keys)}", out result, out reason);
    }
}

/// <summary>One case of a <c>when</c> step: a test and the value it gives.</summary>
internal sealed record WhenCase(Func<string?, bool> Test, string? Then);

/// <summary>when: the <c>then</c> of the first case whose test holds (equals, in, matches, empty), else <c>else</c> or the value unchanged.</summary>
internal sealed class WhenStep(IReadOnlyList<WhenCase> cases, bool hasElse, string? otherwise) : ConverterStep
{
    public override string Id => "when";
    public override ValueKind Output => ValueKind.Text;
    public override bool HandlesNull => true;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string?)value)?.Trim();
        var match = cases.FirstOrDefault(c => c.Test(text));
        return Ok(match is not null ? match.Then : hasElse ? otherwise : value, out result, out reason);
    }

    public static WhenCase? ParseCase(ConverterArgs args, Definitions.ObjectNode node)
    {
        var then = node["then"] as Definitions.ScalarNode;
        var condition = node.Properties.Where(p => p.Name != "then").ToList();
        if (then is null || condition.Count != 1)
        {
            args.Problem(node.Line, "each case of 'when' needs exactly one test (equals, in, matches or empty) and a 'then'");
            return null;
        }

        var test = condition[0];
        Func<string?, bool>? predicate = (test.Name, test.Value) switch
        {
            ("equals", Definitions.ScalarNode { Text: { } text }) => v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase),
            ("in", Definitions.ArrayNode list) => InList(list),
            ("matches", Definitions.ScalarNode { Text: { } pattern }) => Matches(args, test.Line, pattern),
            ("empty", Definitions.ScalarNode { Text: "true" }) => string.IsNullOrEmpty,
            _ => null,
        };
        if (predicate is null)
        {
            args.Problem(test.Line, $"'{test.Name}' is not a test of 'when' (use equals, in, matches or empty: true)");
            return null;
        }

        return new WhenCase(predicate, then.Text);
    }

    private static Func<string?, bool> InList(Definitions.ArrayNode list)
    {
        var values = list.Items.OfType<Definitions.ScalarNode>().Select(s => s.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return v => v is not null && values.Contains(v);
    }

    private static Func<string?, bool>? Matches(ConverterArgs args, int line, string pattern)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
            return v => v is not null && regex.IsMatch(v);
        }
        catch (ArgumentException exception)
        {
            args.Problem(line, $"'{pattern}' is not a valid regular expression: {exception.Message}");
            return null;
        }
    }
}

/// <summary>boolean: yes/no flags; <c>true</c> and <c>false</c> list the accepted spellings (y/yes/true/1 and n/no/false/0).</summary>
internal sealed class BooleanStep(IReadOnlyList<string> yes, IReadOnlyList<string> no) : ConverterStep
{
    public override string Id => "boolean";
    public override ValueKind Output => ValueKind.YesNo;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim();
        return yes.Contains(text, StringComparer.OrdinalIgnoreCase) ? Ok(true, out result, out reason)
            : no.Contains(text, StringComparer.OrdinalIgnoreCase) ? Ok(false, out result, out reason)
            : Fail($"'{text}' is not yes or no (expected one of {string.Join(", ", yes.Concat(no))})", out result, out reason);
    }
}

/// <summary>metal: gold, silver or platinum from names and symbols (G, Au, 22K Gold, Ag, Pt).</summary>
internal sealed class MetalStep : ConverterStep
{
    public override string Id => "metal";
    public override ValueKind Output => ValueKind.Metal;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim().ToLowerInvariant();
        Metal? metal = text switch
        {
            "g" or "au" or "gld" => Metal.Gold,
            "s" or "ag" or "slv" or "stg" or "chandi" or "chaandi" => Metal.Silver,
            "p" or "pt" or "plt" => Metal.Platinum,
            _ when text.Contains("gold", StringComparison.Ordinal) => Metal.Gold,
            _ when text.Contains("silver", StringComparison.Ordinal) || text.Contains("sterling", StringComparison.Ordinal) => Metal.Silver,
            _ when text.Contains("platinum", StringComparison.Ordinal) => Metal.Platinum,
            _ => null,
        };
        return metal is { } found ? Ok(found, out result, out reason) : Fail($"'{value}' is not gold, silver or platinum", out result, out reason);
    }
}
