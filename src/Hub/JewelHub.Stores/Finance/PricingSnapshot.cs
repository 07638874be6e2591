using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Finance;

/// <summary>
/// An order with everything pricing it reads: the pieces and stock items of its lines (with stones) and the current
/// rate of each of their metals and finenesses, all read together in one round trip.
/// </summary>
public sealed class PricingSnapshot
{
    internal PricingSnapshot(
        SalesOrder order, IReadOnlyDictionary<string, Piece> pieces, IReadOnlyDictionary<string, StockItem> items, IReadOnlyList<MetalRate> rates)
    {
        Order = order;
        Pieces = pieces;
        Items = items;
        Rates = rates;
    }

    /// <summary>The order with its lines.</summary>
    public SalesOrder Order { get; }

    internal IReadOnlyDictionary<string, Piece> Pieces { get; }

    internal IReadOnlyDictionary<string, StockItem> Items { get; }

    internal IReadOnlyList<MetalRate> Rates { get; }

    internal MetalRate? RateOf(Metal metal, Fineness fineness) =>
        Rates.FirstOrDefault(rate => rate.Metal == metal && rate.Fineness.PartsPerThousand == fineness.PartsPerThousand);
}
