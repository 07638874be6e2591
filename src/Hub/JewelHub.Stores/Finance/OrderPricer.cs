using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Finance;

/// <summary>A line of an order that could not be priced, by its index in the order.</summary>
public sealed record PricingProblem(int LineIndex, string Sku, string Message);

/// <summary>The priced lines of an order, or what stopped them being priced.</summary>
public sealed record OrderPricing(IReadOnlyList<PricedLine> Lines, IReadOnlyList<PricingProblem> Problems)
{
    public bool Priced => Problems.Count == 0;
}

/// <summary>
/// Prices an order's lines for its bill: each line's piece or stock item from inventory, the current rate of its
/// metal and fineness, then <see cref="LinePricer"/> for the order's place of supply. Every component stays apart. A
/// bill is a price, so its total is at most <see cref="Bounds.MaxAmount"/>: the line that would take it past is a
/// problem, and the sums kept in paise stay far from overflowing.
/// </summary>
public sealed class OrderPricer(InventoryStore inventory, RateStore rates, LinePricer pricer)
{
    /// <summary>Prices the order reading each line's piece or stock item and its current rate.</summary>
    public async Task<OrderPricing> PriceAsync(SalesOrder order, CancellationToken cancellationToken)
    {
        var found = new List<(Priceable? Item, MetalRate? Rate)>();
        foreach (var line in order.Lines)
        {
            var item = await inventory.GetPieceAsync(line.Sku, cancellationToken) is { } piece
                ? Of(line, piece)
                : await inventory.GetStockItemAsync(line.Sku, cancellationToken) is { } stock ? Of(line, stock) : null;
            found.Add((item, item is null ? null : await rates.CurrentRateAsync(item.Metal, item.Fineness, cancellationToken)));
        }

        return Price(order, found);
    }

    /// <summary>Prices the order from what <paramref name="snapshot"/> read, without going back to the database.</summary>
    public OrderPricing Price(PricingSnapshot snapshot)
    {
        var found = snapshot.Order.Lines.Select(line =>
        {
            var item = snapshot.Pieces.TryGetValue(line.Sku, out var piece) ? Of(line, piece)
                : snapshot.Items.TryGetValue(line.Sku, out var stock) ? Of(line, stock) : null;
            return (item, item is null ? null : snapshot.RateOf(item.Metal, item.Fineness));
        }).ToList();
        return Price(snapshot.Order, found);
    }

    private OrderPricing Price(SalesOrder order, List<(Priceable? Item, MetalRate? Rate)> found)
    {
        var lines = new List<PricedLine>();
        var problems = new List<PricingProblem>();
        var total = 0m;
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var (item, rate) = found[i];
            if (item is null)
            {
                problems.Add(new PricingProblem(i, line.Sku, "no piece or stock item has this SKU"));
                continue;
            }

            if (rate is null)
            {
                problems.Add(new PricingProblem(i, line.Sku, $"no current rate for {item.Metal} {item.Fineness}; record one first"));
                continue;
            }

            var priced = pricer.Price(item.Input(rate), order.PlaceOfSupply);
            if (lines.Count > 0 && priced.Currency != lines[0].Currency)
            {
                problems.Add(new PricingProblem(i, line.Sku, $"its rate is in {priced.Currency}, the bill in {lines[0].Currency}"));
                continue;
            }

            total += priced.Total;
            if (total > Bounds.MaxAmount)
            {
                problems.Add(new PricingProblem(i, line.Sku,
                    $"brings the bill to more than {Bounds.MaxAmount:#,0}, the largest amount one bill may show; split the order"));
                continue;
            }

            lines.Add(priced);
        }

        return new OrderPricing(lines, problems);
    }

    /// <summary>A line's piece: its metal and fineness, and its pricing input once the rate is known.</summary>
    private static Priceable Of(SalesOrderLine line, Piece piece) =>
        new(piece.Metal, piece.Fineness, rate => new PricingInput
        {
            Sku = line.Sku,
            Description = $"{piece.Category} {piece.Fineness.HallmarkFor(piece.Metal)}",
            Rate = rate,
            NetWeight = piece.NetWeight.Value,
            Quantity = 1,
            Making = piece.Making,
            WastagePercent = piece.WastagePercent,
            StoneValue = piece.Stones.Sum(stone => stone.Value),
            OtherCharges = piece.OtherCharges,
            Hsn = piece.Hsn,
        });

    /// <summary>A line's stock item: its metal and fineness, and its pricing input once the rate is known.</summary>
    private static Priceable Of(SalesOrderLine line, StockItem item) =>
        new(item.Metal, item.Fineness, rate => new PricingInput
        {
            Sku = line.Sku,
            Description = $"{item.Category} {item.Fineness.HallmarkFor(item.Metal)}",
            Rate = rate,
            NetWeight = item.UnitWeight.Value,
            Quantity = line.Quantity,
            Making = item.Making,
            Hsn = item.Hsn,
        });

    private sealed record Priceable(Metal Metal, Fineness Fineness, Func<MetalRate, PricingInput> Input);
}
