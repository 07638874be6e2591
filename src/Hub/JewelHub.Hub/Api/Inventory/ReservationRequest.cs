using System.ComponentModel.DataAnnotations;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>One line to hold: a piece (quantity 1) or a quantity of a stock item.</summary>
public sealed record ReservationLineRequest
{
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)]
    public string? Sku { get; init; }

    [Range(1, Bounds.MaxQuantity)]
    public int? Quantity { get; init; }
}

/// <summary>Hold these lines at the branch for the order, for holdMinutes (default from configuration).</summary>
public sealed record ReservationRequest
{
    /// <summary>The longest hold: a week.</summary>
    public const int MaxHoldMinutes = Bounds.MaxHoldMinutes;

    /// <summary>The order the stock is held for; read back as /api/reservations/{orderId}, so no '/'.</summary>
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.IdPattern)]
    public string? OrderId { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Branch { get; init; }

    public IReadOnlyList<ReservationLineRequest?>? Lines { get; init; }

    [Range(1, MaxHoldMinutes)]
    public int? HoldMinutes { get; init; }

    internal IReadOnlyList<SalesOrderLine>? Validate(FieldErrors errors)
    {
        errors.Id(OrderId, "orderId");

        errors.Name(Branch, "branch");
        if (HoldMinutes is < 1 or > MaxHoldMinutes)
        {
            errors.Add("holdMinutes", $"must be between 1 and {MaxHoldMinutes}");
        }

        if (Lines is not { Count: > 0 })
        {
            errors.Add("lines", "must hold at least one line");
            return null;
        }

        var lines = new List<SalesOrderLine>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            var prefix = $"lines[{i}]";
            if (!errors.Required(Lines[i], prefix))
            {
                continue;
            }

            var sku = errors.Parse<Canonical.Values.Sku>(Lines[i]!.Sku, prefix + ".sku", Canonical.Values.Sku.TryParse);
            if (sku is { } parsed && !skus.Add(parsed.Value))
            {
                errors.Add(prefix + ".sku", "appears twice in this order; give one line with the total quantity");
            }

            var quantity = errors.Quantity(Lines[i]!.Quantity, prefix + ".quantity", fallback: 1);
            lines.Add(new SalesOrderLine(sku?.Value ?? "", quantity ?? 1));
        }

        return errors.Any ? null : lines;
    }
}
