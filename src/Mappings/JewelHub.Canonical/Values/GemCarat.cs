using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>The weight of a gem in carats (1 ct = 0.2 g). Not to be confused with the karat label of gold.</summary>
public readonly record struct GemCarat
{
    /// <summary>Grams in one carat.</summary>
    public const decimal GramsPerCarat = 0.2m;

    private GemCarat(decimal value) => Value = value;

    /// <summary>The weight in carats, three decimal places.</summary>
    public decimal Value { get; }

    /// <summary>Creates a gem weight; negative weights are refused.</summary>
    public static bool TryCreate(decimal value, out GemCarat carats, [NotNullWhen(false)] out string? error)
    {
        if (value < 0)
        {
            carats = default;
            error = "must not be negative";
            return false;
        }

        carats = new GemCarat(Math.Round(value, 3, MidpointRounding.AwayFromZero));
        error = null;
        return true;
    }

    /// <summary>Creates a gem weight or throws.</summary>
    public static GemCarat Of(decimal value) =>
        TryCreate(value, out var carats, out var error) ? carats : throw new ArgumentOutOfRangeException(nameof(value), value, error);

    /// <summary>The same weight in grams, for subtracting stones from a gross weight.</summary>
    public Grams ToGrams() => Grams.Of(Value * GramsPerCarat);

    public override string ToString() => $"{Value:0.000} ct";
}
