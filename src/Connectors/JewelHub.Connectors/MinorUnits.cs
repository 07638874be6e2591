namespace JewelHub.Connectors;

/// <summary>
/// Gateway amounts come in the currency's smallest unit: paise for INR, cents for USD, whole yen for JPY (a
/// zero-decimal currency) and thousandths for the dinars. This turns them into the major-unit decimals events carry.
/// </summary>
internal static class MinorUnits
{
    // The currencies without minor units, and those with three decimals, as Stripe lists them
    // (https://docs.stripe.com/currencies#zero-decimal, #three-decimal).
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "BHD", "JOD", "KWD", "OMR", "TND" };

    /// <summary>The amount in major units, with as many decimals as the currency has.</summary>
    public static decimal ToMajor(long minor, string currency) =>
        ZeroDecimal.Contains(currency) ? minor
        : ThreeDecimal.Contains(currency) ? minor * 0.001m
        : minor * 0.01m;
}
