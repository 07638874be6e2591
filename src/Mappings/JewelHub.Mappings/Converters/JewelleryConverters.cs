using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Values;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Converters;

/// <summary>
/// fineness: parts per thousand of <c>metal</c> (gold, silver, platinum or any; default gold) from 22K, 22 kt, 22ct,
/// 22K916, 916, 91.6% or 0.916. Karats map to BIS grades (22K = 916), never to karat/24. With "any" a grade is accepted
/// when it is a hallmark grade of some metal, and the entity checks it against its metal.
/// </summary>
internal sealed partial class FinenessStep(Metal? metal) : ConverterStep
{
    public override string Id => "fineness";
    public override ValueKind Output => ValueKind.Fineness;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        var text = ((string)value!).Trim().ToLowerInvariant();
        int? grade = SilverName(text);
        if (grade is null && SilverGrade().Match(text) is { Success: true } silver)
        {
            text = silver.Groups[1].Value;
        }

        if (grade is not null)
        {
            // a silver name (Sterling) is its grade
        }
        else if (Karat().Match(text) is { Success: true } karat)
        {
            if (metal is not (null or Metal.Gold) || !Fineness.TryFromGoldKarat(int.Parse(karat.Groups[1].Value, CultureInfo.InvariantCulture), out var fromKarat))
            {
                return Fail($"'{value}' is not a gold karat with a hallmark grade (24K, 23K, 22K, 21K, 20K, 18K, 14K, 9K)", out result, out reason);
            }

            grade = fromKarat.PartsPerThousand;
            if (karat.Groups[2].Success && karat.Groups[2].Value != grade.Value.ToString(CultureInfo.InvariantCulture))
            {
                return Fail($"'{value}' names {karat.Groups[1].Value}K but grade {karat.Groups[2].Value}", out result, out reason);
            }
        }
        else if (decimal.TryParse(text.TrimEnd('%').Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            var parts = text.EndsWith('%') ? number * 10 : number < 1 ? number * 1000 : number;
            grade = parts == decimal.Truncate(parts) || text.EndsWith('%') ? (int)Math.Round(parts, MidpointRounding.AwayFromZero) : null;
        }

        if (grade is null)
        {
            return Fail($"'{value}' is not a fineness (22K, 22 kt, 916, 91.6%)", out result, out reason);
        }

        string? problem = null;
        foreach (var candidate in metal is { } one ? [one] : Enum.GetValues<Metal>())
        {
            if (Fineness.TryCreate(candidate, grade.Value, out var fineness, out var why))
            {
                return Ok(fineness, out result, out reason);
            }

            problem ??= why;
        }

        return Fail(metal is null ? $"'{value}' is not a hallmark fineness of gold, silver or platinum" : $"'{value}': {problem}", out result, out reason);
    }

    // Silver as shops write it: Sterling (925), fine silver (999).
    private static int? SilverName(string text) => text switch
    {
        "sterling" or "sterling silver" or "stg" or "stg silver" or "ster" => 925,
        "fine silver" or "fine" => 999,
        _ => null,
    };

    [GeneratedRegex(@"^(\d{1,2})\s*(?:k|kt|ct|karat|carat)\s*(\d{3})?$")]
    private static partial Regex Karat();

    // A grade with a silver word or mark around it: S925, SS925, 925 silver, 925 sterling, silver 92.5%, Ag 925.
    [GeneratedRegex(@"^(?:s|ss|ag|silver|sterling)?\s*(\d{3}(?:\.\d)?%?|\d{2}\.\d%?)\s*(?:s|silver|sterling|ag|stg)?$")]
    private static partial Regex SilverGrade();
}

/// <summary>Splits "12.5 g" into a number and a unit and knows what each unit is in grams.</summary>
internal static partial class WeightText
{
    public static readonly Dictionary<string, decimal> GramsPer = new(StringComparer.OrdinalIgnoreCase)
    {
        ["g"] = 1m,
        ["gm"] = 1m,
        ["gms"] = 1m,
        ["gr"] = 1m,
        ["gram"] = 1m,
        ["grams"] = 1m,
        ["mg"] = 0.001m,
        ["kg"] = 1000m,
        ["tola"] = Grams.PerTola,
        ["tolas"] = Grams.PerTola,
        ["tol"] = Grams.PerTola,
        // Precious metals are always weighed in troy ounces, so "oz" on a metal weight is the troy ounce.
        ["ozt"] = Grams.PerTroyOunce,
        ["oz"] = Grams.PerTroyOunce,
        ["troy-oz"] = Grams.PerTroyOunce,
        ["toz"] = Grams.PerTroyOunce,
        ["ct"] = GemCarat.GramsPerCarat,
        ["cts"] = GemCarat.GramsPerCarat,
        ["carat"] = GemCarat.GramsPerCarat,
        ["carats"] = GemCarat.GramsPerCarat,
    };

    public static bool TryParse(string text, string defaultUnit, NumberStyle style, out decimal grams, [NotNullWhen(false)] out string? reason)
    {
        grams = 0;
        var match = NumberAndUnit().Match(text.Trim());
        var unit = match.Success && match.Groups[2].Value.Length > 0 ? match.Groups[2].Value.TrimEnd('.') : defaultUnit;
        if (!match.Success || !DecimalText.TryParse(match.Groups[1].Value, style, out var number))
        {
            reason = $"'{text}' is not a weight (e.g. 12.5 g, 250 mg, 1 tola, 0.5 ozt, 0.25 ct)";
            return false;
        }

        if (!GramsPer.TryGetValue(unit, out var factor))
        {
            reason = $"'{unit}' in '{text}' is not a weight unit (g, mg, kg, tola, ozt, ct)";
            return false;
        }

        // Nothing heavier than Bounds.MaxGrams is accepted; the number is checked before it is multiplied (the largest
        // factor is 1000, for kg), so no unit can overflow.
        if (Math.Abs(number) > Bounds.MaxGrams * 1000m || Math.Abs(number * factor) > Bounds.MaxGrams)
        {
            reason = $"'{text}' is more than the largest weight the hub accepts, {Bounds.MaxGrams} g";
            return false;
        }

        grams = number * factor;
        reason = null;
        return true;
    }

    [GeneratedRegex(@"^([-+]?[\d.,]*\d)\s*([a-zA-Z][a-zA-Z.-]*)?$")]
    private static partial Regex NumberAndUnit();
}

/// <summary>grams: a weight in grams (three decimals) from g, mg, kg, tola, troy oz or ct; bare numbers are in <c>unit</c>.</summary>
internal sealed class GramsStep(string unit, NumberStyle style) : ConverterStep
{
    public override string Id => "grams";
    public override ValueKind Output => ValueKind.Grams;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        if (!WeightText.TryParse((string)value!, unit, style, out var grams, out var problem))
        {
            return Fail(problem, out result, out reason);
        }

        return Grams.TryCreate(grams, out var weight, out problem) ? Ok(weight, out result, out reason) : Fail($"'{value}' {problem}", out result, out reason);
    }
}

/// <summary>carats: a gem weight in carats from ct (default) or any weight unit (0.1 g = 0.5 ct).</summary>
internal sealed class CaratsStep(string unit, NumberStyle style) : ConverterStep
{
    public override string Id => "carats";
    public override ValueKind Output => ValueKind.Carats;

    public override bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason)
    {
        if (!WeightText.TryParse((string)value!, unit, style, out var grams, out var problem))
        {
            return Fail(problem, out result, out reason);
        }

        return GemCarat.TryCreate(grams / GemCarat.GramsPerCarat, out var carats, out problem)
            ? Ok(carats, out result, out reason)
            : Fail($"'{value}' {problem}", out result, out reason);
    }
}
