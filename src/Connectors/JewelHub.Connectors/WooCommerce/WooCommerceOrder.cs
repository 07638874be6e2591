namespace JewelHub.Connectors.WooCommerce;

/// <summary>The part of WooCommerce's order payload the hub reads (order.created).</summary>
internal sealed record WooCommerceOrder
{
    public long Id { get; init; }
    public string? Currency { get; init; }
    public long CustomerId { get; init; }
    /// <summary>pending, processing, on-hold, completed, cancelled, refunded or failed.</summary>
    public string? Status { get; init; }
    /// <summary>What the buyer was charged, a decimal string in the order's currency.</summary>
    public string? Total { get; init; }
    /// <summary>When the payment was taken, in GMT without an offset; null until paid.</summary>
    public DateTime? DatePaidGmt { get; init; }
    public WooCommerceAddress? Billing { get; init; }
    public WooCommerceAddress? Shipping { get; init; }
    public IReadOnlyList<WooCommerceLineItem> LineItems { get; init; } = [];
}

/// <summary>The part of WooCommerce's customer payload the hub reads (customer.created, customer.updated).</summary>
internal sealed record WooCommerceCustomer
{
    public long Id { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public DateTime? DateModifiedGmt { get; init; }
    public WooCommerceAddress? Billing { get; init; }
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
