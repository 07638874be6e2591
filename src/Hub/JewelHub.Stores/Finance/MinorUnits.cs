namespace JewelHub.Stores.Finance;

/// <summary>Amounts and weights cross into the database as exact integers: paise and milligrams.</summary>
internal static class MinorUnits
{
    /// <summary>An amount with at most two decimals as minor units; more decimals are a caller bug.</summary>
    public static long Of(decimal amount) =>
        decimal.Round(amount, 2) == amount
            ? (long)(amount * 100m)
            : throw new ArgumentException($"{amount} has more than two decimal places.", nameof(amount));

    public static decimal ToAmount(long minor) => minor / 100m;

    /// <summary>A weight in grams with at most three decimals as milligrams.</summary>
    public static long Milligrams(decimal grams) =>
        decimal.Round(grams, 3) == grams
            ? (long)(grams * 1000m)
            : throw new ArgumentException($"{grams} g has more than three decimal places.", nameof(grams));

    public static decimal ToGrams(long milligrams) => milligrams / 1000m;
}
