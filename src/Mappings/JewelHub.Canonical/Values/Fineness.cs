using System.Diagnostics.CodeAnalysis;

namespace JewelHub.Canonical.Values;

/// <summary>
/// Purity in parts per thousand (916 = 22 karat gold). Only the hallmarking grades are accepted, per metal;
/// a karat is a label that maps to a grade, never a ratio (22K is 916, not 22/24).
/// </summary>
public readonly record struct Fineness
{
    private static readonly Dictionary<Metal, int[]> Grades = new()
    {
        [Metal.Gold] = [999, 995, 958, 916, 875, 833, 750, 585, 375],
        [Metal.Silver] = [999, 990, 970, 925, 900, 835, 800],
        [Metal.Platinum] = [999, 950, 900, 850],
    };

    private static readonly Dictionary<int, int> GoldKarats = new()
    {
        [24] = 999,
        [23] = 958,
        [22] = 916,
        [21] = 875,
        [20] = 833,
        [18] = 750,
        [14] = 585,
        [9] = 375,
    };

    private Fineness(int partsPerThousand) => PartsPerThousand = partsPerThousand;

    /// <summary>Parts of pure metal per thousand.</summary>
    public int PartsPerThousand { get; }

    /// <summary>Accepts a fineness only when it is a recognised hallmark grade of the metal.</summary>
    public static bool TryCreate(Metal metal, int partsPerThousand, out Fineness fineness, [NotNullWhen(false)] out string? error)
    {
        if (!Grades.TryGetValue(metal, out var grades) || !grades.Contains(partsPerThousand))
        {
            fineness = default;
            error = $"{partsPerThousand} is not a recognised {metal.ToString().ToLowerInvariant()} fineness (allowed: {string.Join(", ", Grades[metal])})";
            return false;
        }

        fineness = new Fineness(partsPerThousand);
        error = null;
        return true;
    }

    /// <summary>Creates a fineness or throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static Fineness Of(Metal metal, int partsPerThousand) =>
        TryCreate(metal, partsPerThousand, out var fineness, out var error)
            ? fineness
            : throw new ArgumentOutOfRangeException(nameof(partsPerThousand), partsPerThousand, error);

    /// <summary>The BIS grade for a gold karat label: 24 → 999, 22 → 916, 18 → 750, 14 → 585.</summary>
    public static bool TryFromGoldKarat(int karat, out Fineness fineness)
    {
        var found = GoldKarats.TryGetValue(karat, out var grade);
        fineness = found ? new Fineness(grade) : default;
        return found;
    }

    /// <summary>The karat label of a gold grade, or null for grades without one.</summary>
    public int? GoldKarat
    {
        get
        {
            var grade = PartsPerThousand;
            var karat = GoldKarats.FirstOrDefault(pair => pair.Value == grade).Key;
            return karat > 0 ? karat : null;
        }
    }

    /// <summary>The hallmark text, e.g. 22K916 for gold, 925 for silver.</summary>
    public string HallmarkFor(Metal metal) =>
        metal == Metal.Gold && GoldKarat is { } karat ? $"{karat}K{PartsPerThousand}" : PartsPerThousand.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => PartsPerThousand.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
