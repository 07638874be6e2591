namespace JewelHub.Canonical.Entities;

/// <summary>Where a sales order is in its life.</summary>
public enum SalesOrderStatus
{
    Open,
    Reserved,
    Billed,
    Paid,
    Cancelled,
}

/// <summary>A customer's order at a branch: the pieces (or stock items) asked for and where it is supplied.</summary>
public sealed record SalesOrder
{
    public required string Id { get; init; }
    public Guid? CustomerId { get; init; }
    public required string Branch { get; init; }
    /// <summary>The state code of the place of supply (e.g. MH, KA); decides CGST+SGST or IGST.</summary>
    public required string PlaceOfSupply { get; init; }
    public required IReadOnlyList<SalesOrderLine> Lines { get; init; }
    public SalesOrderStatus Status { get; init; } = SalesOrderStatus.Open;
}

/// <summary>One line of an order: a piece by SKU, or a quantity of a fungible stock item.</summary>
public sealed record SalesOrderLine(string Sku, int Quantity = 1);
