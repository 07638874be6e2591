namespace JewelHub.Canonical.Values;

/// <summary>
/// The two-letter codes of India's states and union territories that a place of supply may name (ISO 3166-2:IN, with
/// the older codes still printed on many invoices: CG, OD, TS, UK, DD, DN).
/// </summary>
public static class GstState
{
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "AN", "AP", "AR", "AS", "BR", "CH", "CT", "CG", "DH", "DD", "DN", "DL", "GA", "GJ", "HP", "HR", "JH", "JK", "KA",
        "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OR", "OD", "PB", "PY", "RJ", "SK", "TG", "TS", "TN", "TR",
        "UP", "UT", "UK", "WB",
    };

    /// <summary>The sentence a refused code is answered with.</summary>
    public const string Expected = "must be the two-letter code of an Indian state or union territory, e.g. MH or KA";

    /// <summary>Whether <paramref name="code"/> names a state or union territory; case is ignored.</summary>
    public static bool IsKnown(string? code) => code is { Length: 2 } && Codes.Contains(code);
}
