namespace JewelHub.Connectors.Shopify;

/// <summary>Shopify topics to canonical events: orders/create and orders/paid record the sale; other topics are ignored.</summary>
internal static class ShopifyMap
{
    private static readonly HashSet<string> OrderTopics = new(StringComparer.Ordinal) { "orders/create", "orders/paid" };

    public static WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options)
    {
        if (delivery.Topic is null || !OrderTopics.Contains(delivery.Topic))
        {
            return new WebhookMapping.Ignored($"topic '{delivery.Topic}' is not one the Shopify connector acts on");
        }

        if (!VendorJson.TryRead<ShopifyOrder>(delivery.Body, out var order, out var failure))
        {
            return failure!;
        }

        var buyer = order.Customer is { } customer
            ? WebOrders.Customer($"{customer.FirstName} {customer.LastName}", customer.Phone ?? order.Phone, customer.Email ?? order.Email, ShopifyConnector.Id, customer.Id)
            : WebOrders.Customer(order.BillingAddress?.Name, order.Phone ?? order.BillingAddress?.Phone, order.Email, ShopifyConnector.Id, null);
        var lines = order.LineItems.Select((line, i) => new WebOrderLine($"line_items[{i}]", line.Sku, line.Quantity)).ToList();
        return WebOrders.Sale(ShopifyConnector.Id, order.Id, order.ShippingAddress?.ProvinceCode, order.BillingAddress?.ProvinceCode,
            "shipping_address.province_code", lines, buyer, order.Currency, order.CreatedAt ?? delivery.ReceivedAt, options);
    }
}
