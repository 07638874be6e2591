using System.Text.RegularExpressions;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Finance;

/// <summary>A sales order as posted: the pieces or stock items wanted, held for holdMinutes until billed and paid.</summary>
public sealed partial record OrderRequest(
    string? Id, Guid? CustomerId, string? Branch, string? PlaceOfSupply, IReadOnlyList<OrderLineRequest?>? Lines, int? HoldMinutes)
{
    /// <summary>The order, or null with every problem recorded.</summary>
    internal SalesOrder? Validate(FieldErrors errors)
    {
        if (errors.Required(Id, "id") && !Code().IsMatch(Id!))
        {
            errors.Add("id", "must be 1 to 64 letters, digits or - _ . :");
        }

        if (errors.Required(Branch, "branch") && !Code().IsMatch(Branch!))
        {
            errors.Add("branch", "must be 1 to 64 letters, digits or - _ . :");
        }

        if (errors.Required(PlaceOfSupply, "placeOfSupply") && !StateCode().IsMatch(PlaceOfSupply!))
        {
            errors.Add("placeOfSupply", "must be a two-letter state code, e.g. MH or KA");
        }

        if (HoldMinutes is < 1 or > 10080)
        {
            errors.Add("holdMinutes", "must be between 1 and 10080 (one week)");
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

            if (line.Quantity is < 1)
            {
                errors.Add($"{field}.quantity", "must be 1 or more");
            }

            if (sku is not null)
            {
                lines.Add(new SalesOrderLine(sku.Value.Value, line.Quantity ?? 1));
            }
        }

        return lines;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex Code();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex StateCode();
}

/// <summary>One line: a SKU and, for stock items, a quantity (default 1).</summary>
public sealed record OrderLineRequest(string? Sku, int? Quantity);
