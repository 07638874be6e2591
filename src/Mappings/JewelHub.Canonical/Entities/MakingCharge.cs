namespace JewelHub.Canonical.Entities;

/// <summary>How the making (labour) charge of a piece is computed.</summary>
public enum MakingChargeMode
{
    /// <summary>An amount per gram of net weight.</summary>
    PerGram,
    /// <summary>A percentage of the metal value.</summary>
    Percent,
    /// <summary>A flat amount per piece.</summary>
    Flat,
}

/// <summary>The making charge rule of a piece: a mode and its value (amount or percent).</summary>
public sealed record MakingCharge(MakingChargeMode Mode, decimal Value)
{
    /// <summary>
    /// The largest value of a making charge in <paramref name="mode"/>: a percentage up to 100, an amount per gram up to
    /// the largest metal rate per gram, a flat amount up to the largest amount of money.
    /// </summary>
    public static decimal MaxValue(MakingChargeMode mode) => mode switch
    {
        MakingChargeMode.Percent => Values.Bounds.MaxPercent,
        MakingChargeMode.PerGram => Values.Bounds.MaxPricePerGram,
        _ => Values.Bounds.MaxAmount,
    };
}
