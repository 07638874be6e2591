using System.Globalization;
using JewelHub.Canonical.Values;

namespace JewelHub.Mappings.Converters;

/// <summary>
/// The named converters a map may use, by stable id. Each factory reads its parameters through
/// <see cref="ConverterArgs"/>, which reports bad or unknown parameters with their line.
/// </summary>
public sealed class ConverterRegistry
{
    private static readonly string[] Yes = ["y", "yes", "true", "1", "t"];
    private static readonly string[] No = ["n", "no", "false", "0", "f"];

    private readonly Dictionary<string, Func<ConverterArgs, ConverterStep>> _factories;

    private ConverterRegistry(Dictionary<string, Func<ConverterArgs, ConverterStep>> factories) => _factories = factories;

    /// <summary>Every converter JewelHub ships.</summary>
    public static ConverterRegistry Default { get; } = new(new(StringComparer.Ordinal)
    {
        ["trim"] = a => new TrimStep(a.Flag("collapse", true)),
        ["case"] = a => new CaseStep(OneOf(a, "to", null, CaseStep.Modes)),
        ["split"] = a => new SplitStep(a.Text("separator", null), a.WholeNumber("index", 0)),
        ["concat"] = a => new ConcatStep(a.Text("separator", " ")),
        ["first-last"] = _ => new FirstLastStep(),
        ["coalesce"] = _ => new CoalesceStep(),
        ["default"] = a => new DefaultStep(a.Text("value", null)),
        ["lookup"] = a => new LookupStep(a.Table("table"), a.Flag("ignoreCase", true), a.OptionalText("fallback")),
        ["when"] = When,
        ["legacy-id"] = a => new LegacyIdStep(a.TextList("prefixes", []), a.Flag("stripZeros", true)),
        ["boolean"] = a => new BooleanStep(a.TextList("true", Yes), a.TextList("false", No)),
        ["integer"] = a => new IntegerStep(Style(a)),
        ["decimal"] = a => new DecimalStep(Style(a)),
        ["date"] = a => new DateStep(Formats(a)),
        ["datetime"] = a => new DateTimeStep(Formats(a), Offset(a)),
        ["phone"] = Phone,
        ["email"] = _ => new EmailStep(),
        ["money"] = a => new MoneyStep(Currency(a), Style(a)),
        ["metal"] = _ => new MetalStep(),
        ["fineness"] = a => new FinenessStep(MetalOrAny(a)),
        ["grams"] = a => new GramsStep(Unit(a, "g"), Style(a)),
        ["carats"] = a => new CaratsStep(Unit(a, "ct"), Style(a)),
    });

    /// <summary>The ids of every registered converter.</summary>
    public IReadOnlyCollection<string> Ids => _factories.Keys;

    /// <summary>A registry with one more converter (for connectors that need a vendor-specific one).</summary>
    public ConverterRegistry With(string id, Func<ConverterArgs, ConverterStep> factory) =>
        new(new Dictionary<string, Func<ConverterArgs, ConverterStep>>(_factories, StringComparer.Ordinal) { [id] = factory });

    /// <summary>Builds a step; null when the id is unknown. Parameter problems are left in <paramref name="args"/>.</summary>
    public ConverterStep? Create(ConverterArgs args)
    {
        if (!_factories.TryGetValue(args.ConverterId, out var factory))
        {
            return null;
        }

        var step = factory(args);
        args.ReportUnknown();
        return step;
    }

    private static WhenStep When(ConverterArgs args)
    {
        var cases = args.Objects("cases").Select(c => WhenStep.ParseCase(args, c)).OfType<WhenCase>().ToList();
        var otherwise = args.OptionalText("else");
        return new WhenStep(cases, otherwise is not null, otherwise);
    }

    private static PhoneStep Phone(ConverterArgs args)
    {
        var country = args.Text("defaultCountry", null).TrimStart('+');
        if (PhoneStep.Countries.TryGetValue(country, out var known))
        {
            return new PhoneStep(known.Code, known.NationalLength);
        }

        if (country.Length is < 1 or > 3 || !country.All(char.IsAsciiDigit))
        {
            args.Problem("defaultCountry", $"'{country}' is not a country ({string.Join(", ", PhoneStep.Countries.Keys)}) or a calling code such as 91");
        }

        var length = PhoneStep.Countries.Values.FirstOrDefault(c => c.Code == country).NationalLength;
        return new PhoneStep(country, length);
    }

    private static Metal? MetalOrAny(ConverterArgs args)
    {
        var metal = OneOf(args, "metal", "gold", ["gold", "silver", "platinum", "any"]);
        return metal == "any" ? null : Enum.Parse<Metal>(metal, ignoreCase: true);
    }

    private static string OneOf(ConverterArgs args, string name, string? fallback, string[] allowed)
    {
        var value = args.Text(name, fallback);
        if (!allowed.Contains(value))
        {
            args.Problem(name, $"parameter '{name}' of '{args.ConverterId}' must be one of {string.Join(", ", allowed)}, not '{value}'");
            return allowed[0];
        }

        return value;
    }

    private static NumberStyle Style(ConverterArgs args)
    {
        var name = args.Text("style", "auto");
        if (DecimalText.TryParseStyle(name, out var style))
        {
            return style;
        }

        args.Problem("style", $"number style '{name}' is not one of auto, en, eu, in");
        return NumberStyle.Auto;
    }

    private static IReadOnlyList<string> Formats(ConverterArgs args)
    {
        var formats = args.TextList("formats", null);
        foreach (var unknown in formats.Where(f => !DateText.Formats.Contains(f)))
        {
            args.Problem("formats", $"date format '{unknown}' is not one of {string.Join(", ", DateText.Formats)}");
        }

        return formats;
    }

    private static TimeSpan Offset(ConverterArgs args)
    {
        var text = args.Text("offset", "+05:30");
        if (TimeSpan.TryParseExact(text.TrimStart('+'), @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
        {
            return text.StartsWith('-') ? -offset : offset;
        }

        if (text.StartsWith('-') && TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out offset))
        {
            return -offset;
        }

        args.Problem("offset", $"offset '{text}' must look like +05:30");
        return TimeSpan.Zero;
    }

    private static Currency Currency(ConverterArgs args)
    {
        var code = args.Text("currency", "INR");
        if (Canonical.Values.Currency.TryParse(code, out var currency, out var problem))
        {
            return currency;
        }

        args.Problem("currency", $"currency '{code}' {problem}");
        return Canonical.Values.Currency.Inr;
    }

    private static string Unit(ConverterArgs args, string fallback)
    {
        var unit = args.Text("unit", fallback);
        if (!WeightText.GramsPer.ContainsKey(unit))
        {
            args.Problem("unit", $"unit '{unit}' is not one of {string.Join(", ", WeightText.GramsPer.Keys)}");
        }

        return unit;
    }
}
