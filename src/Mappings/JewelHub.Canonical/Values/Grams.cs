using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>A weight of metal or of a whole piece in grams, kept to three decimal places (milligrams).</summary>
public readonly record struct Grams : IComparable<Grams>
{
    /// <summary>Grams in one troy ounce, the unit of international metal feeds.</summary>
    public const decimal PerTroyOunce = 31.1034768m;

    /// <summary>Grams in one tola, the traditional South Asian unit.</summary>
    public const decimal PerTola = 11.6638m;

    private Grams(decimal value) => Value = value;

    /// <summary>The weight in grams, three decimal places.</summary>
    public decimal Value { get; }

    /// <summary>No weight.</summary>
    public static Grams Zero { get; } = new(0m);

    /// <summary>Creates a weight; negative weights are refused and values round to the milligram.</summary>
    public static bool TryCreate(decimal value, out Grams grams, [NotNullWhen(false)] out string? error)
    {
        if (value < 0)
        {
            grams = default;
            error = "must not be negative";
            return false;
        }

        grams = new Grams(Math.Round(value, 3, MidpointRounding.AwayFromZero));
        error = null;
        return true;
    }

    /// <summary>Creates a weight or throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static Grams Of(decimal value) =>
        TryCreate(value, out var grams, out var error) ? grams : throw new ArgumentOutOfRangeException(nameof(value), value, error);

    /// <summary>Adds two weights.</summary>
    public Grams Plus(Grams other) => new(Value + other.Value);

    /// <summary>Subtracts a weight; the result must not be negative.</summary>
    public Grams Minus(Grams other) => Of(Value - other.Value);

    /// <summary>The fine (pure) metal in this net weight at the given fineness.</summary>
    public Grams FineAt(Fineness fineness) => Of(Value * fineness.PartsPerThousand / 1000m);

    public int CompareTo(Grams other) => Value.CompareTo(other.Value);

    public static bool operator <(Grams left, Grams right) => left.Value < right.Value;
    public static bool operator >(Grams left, Grams right) => left.Value > right.Value;
    public static bool operator <=(Grams left, Grams right) => left.Value <= right.Value;
    public static bool operator >=(Grams left, Grams right) => left.Value >= right.Value;

    public override string ToString() => $"{Value:0.000} g";
}
