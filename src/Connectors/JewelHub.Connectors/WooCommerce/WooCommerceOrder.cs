namespace JewelHub.Connectors.WooCommerce;

/// <summary>The part of WooCommerce's order payload the hub reads (order.created).</summary>
internal sealed record WooCommerceOrder
{
    public long Id { get; init; }
    public string? Currency { get; init; }
    public long CustomerId { get; init; }
    public WooCommerceAddress? Billing { get; init; }
    public WooCommerceAddress? Shipping { get; init; }
    public IReadOnlyList<WooCommerceLineItem> LineItems { get; init; } = [];
}

internal sealed record WooCommerceAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? State { get; init; }
}

internal sealed record WooCommerceLineItem
{
    public string? Sku { get; init; }
    public int Quantity { get; init; }
}
