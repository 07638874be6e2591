using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>The price of one gram of a metal at one fineness, from a named source at a point in time.</summary>
public sealed record MetalRate
{
    public required Metal Metal { get; init; }
    public required Fineness Fineness { get; init; }
    public required Money PricePerGram { get; init; }
    /// <summary>Where the rate came from, e.g. "board", "ibja-am", "metalpriceapi".</summary>
    public required string Source { get; init; }
    /// <summary>The time the source says the rate applies from.</summary>
    public required DateTimeOffset AsOf { get; init; }
}
