using JewelHub.Canonical.Entities;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>One line to hold: a piece (quantity 1) or a quantity of a stock item.</summary>
public sealed record ReservationLineRequest
{
    public string? Sku { get; init; }
    public int? Quantity { get; init; }
}

/// <summary>Hold these lines at the branch for the order, for holdMinutes (default from configuration).</summary>
public sealed record ReservationRequest
{
    /// <summary>The longest hold: a week.</summary>
    public const int MaxHoldMinutes = 7 * 24 * 60;

    public string? OrderId { get; init; }
    public string? Branch { get; init; }
    public IReadOnlyList<ReservationLineRequest?>? Lines { get; init; }
    public int? HoldMinutes { get; init; }

    internal IReadOnlyList<SalesOrderLine>? Validate(FieldErrors errors)
    {
        if (errors.Name(OrderId, "orderId") is not null && OrderId!.Trim() != OrderId)
        {
            errors.Add("orderId", "must not start or end with blanks");
        }

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

            var quantity = Lines[i]!.Quantity ?? 1;
            if (quantity < 1)
            {
                errors.Add(prefix + ".quantity", "must be 1 or more");
            }

            lines.Add(new SalesOrderLine(sku?.Value ?? "", quantity));
        }

        return errors.Any ? null : lines;
    }
}
