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
public sealed record MakingCharge(MakingChargeMode Mode, decimal Value);
