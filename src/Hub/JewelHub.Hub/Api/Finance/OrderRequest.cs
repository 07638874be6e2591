using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Finance;

/// <summary>A sales order as posted: the pieces or stock items wanted, held for holdMinutes until billed and paid.</summary>
public sealed partial record OrderRequest(
    [property: MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.IdPattern)] string? Id,
    Guid? CustomerId,
    [property: MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.IdPattern)] string? Branch,
    [property: RegularExpression(OrderRequest.StateCodePattern)] string? PlaceOfSupply,
    IReadOnlyList<OrderLineRequest?>? Lines,
    [property: Range(1, Bounds.MaxHoldMinutes)] int? HoldMinutes)
{
    /// <summary>The order, or null with every problem recorded.</summary>
    internal SalesOrder? Validate(FieldErrors errors)
    {
        errors.Id(Id, "id");
        errors.Id(Branch, "branch");

        if (errors.Required(PlaceOfSupply, "placeOfSupply") && !StateCode().IsMatch(PlaceOfSupply!))
        {
            errors.Add("placeOfSupply", "must be a two-letter state code, e.g. MH or KA");
        }

        if (HoldMinutes is < 1 or > Bounds.MaxHoldMinutes)
        {
            errors.Add("holdMinutes", $"must be between 1 and {Bounds.MaxHoldMinutes} (one week)");
        }

        var lines = ValidateLines(errors);
        return errors.Any ? null : new SalesOrder
        {
            Id = Id!,
            CustomerId = CustomerId,
            Branch = Branch!,
            PlaceOfSupply = PlaceOfSupply!.ToUpperInvariant(),
            Lines = lines,
            Status = SalesOrderStatus.Reserved,
        };
    }

    private List<SalesOrderLine> ValidateLines(FieldErrors errors)
    {
        var lines = new List<SalesOrderLine>();
        if (Lines is null || Lines.Count == 0)
        {
            errors.Add("lines", "must list at least one piece or stock item");
            return lines;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            var field = $"lines[{i}]";
            if (Lines[i] is not { } line)
            {
                errors.Add(field, "is required");
                continue;
            }

            var sku = errors.Parse<Sku>(line.Sku, $"{field}.sku", Sku.TryParse);
            if (sku is not null && !seen.Add(sku.Value.Value))
            {
                errors.Add($"{field}.sku", "appears on an earlier line; put the total quantity on one line");
            }

            var quantity = errors.Quantity(line.Quantity, $"{field}.quantity", fallback: 1);
            if (sku is not null && quantity is not null)
            {
                lines.Add(new SalesOrderLine(sku.Value.Value, quantity.Value));
            }
        }

        return lines;
    }

    /// <summary>A two-letter GST state code.</summary>
    internal const string StateCodePattern = "^[A-Za-z]{2}$";

    [GeneratedRegex(StateCodePattern)]
    private static partial Regex StateCode();
}

/// <summary>One line: a SKU and, for stock items, a quantity (default 1).</summary>
public sealed record OrderLineRequest(
    [property: MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)] string? Sku,
    [property: Range(1, Bounds.MaxQuantity)] int? Quantity);
