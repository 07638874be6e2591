namespace JewelHub.Connectors.Shopify;

/// <summary>The part of Shopify's order payload the hub reads (orders/create, orders/paid), and of its customer (customers/create, customers/update).</summary>
internal sealed record ShopifyOrder
{
    public long Id { get; init; }
    public string? Currency { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; init; }
    /// <summary>pending, authorized, partially_paid, paid, partially_refunded, refunded or voided.</summary>
    public string? FinancialStatus { get; init; }
    /// <summary>What the buyer was charged, a decimal string in the order's currency.</summary>
    public string? TotalPrice { get; init; }
    public ShopifyCustomer? Customer { get; init; }
    public ShopifyAddress? ShippingAddress { get; init; }
    public ShopifyAddress? BillingAddress { get; init; }
    public IReadOnlyList<ShopifyLineItem> LineItems { get; init; } = [];
}

internal sealed record ShopifyCustomer
{
    public long Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public ShopifyAddress? DefaultAddress { get; init; }
    public ShopifyConsent? EmailMarketingConsent { get; init; }
    public ShopifyConsent? SmsMarketingConsent { get; init; }
}

internal sealed record ShopifyConsent
{
    public string? State { get; init; }
}

internal sealed record ShopifyAddress
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? ProvinceCode { get; init; }
}

internal sealed record ShopifyLineItem
{
    public string? Sku { get; init; }
    public int Quantity { get; init; }
}
