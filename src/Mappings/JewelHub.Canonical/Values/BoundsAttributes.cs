using System.ComponentModel.DataAnnotations;

namespace JewelHub.Canonical.Values;

// The bounds of Bounds as DataAnnotations, so a request record documents them in the OpenAPI document (minimum,
// maximum) from the same constants the checks read. The checks themselves answer in words; these only describe.

/// <summary>An amount of money in the major unit: 0 to <see cref="Bounds.MaxAmount"/>, two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AmountRangeAttribute() : RangeAttribute(0d, (double)Bounds.MaxAmount);

/// <summary>A metal rate per gram in the major unit: 0 to <see cref="Bounds.MaxPricePerGram"/>, two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PricePerGramRangeAttribute() : RangeAttribute(0d, (double)Bounds.MaxPricePerGram);

/// <summary>A weight in grams: 0 to <see cref="Bounds.MaxGrams"/>, three decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class GramsRangeAttribute() : RangeAttribute(0d, (double)Bounds.MaxGrams);

/// <summary>A signed change of weight in grams: within ±<see cref="Bounds.MaxGrams"/>, three decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class GramsDeltaRangeAttribute() : RangeAttribute(-(double)Bounds.MaxGrams, (double)Bounds.MaxGrams);

/// <summary>A gem weight in carats: 0 to <see cref="Bounds.MaxCarats"/>, three decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CaratsRangeAttribute() : RangeAttribute(0d, (double)Bounds.MaxCarats);

/// <summary>A percentage: 0 to <see cref="Bounds.MaxPercent"/>, two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PercentRangeAttribute() : RangeAttribute(0d, (double)Bounds.MaxPercent);
