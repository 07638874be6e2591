namespace JewelHub.Connectors.WooCommerce;

/// <summary>WooCommerce topics to canonical events: order.created records the sale; other topics are ignored.</summary>
internal static class WooCommerceMap
{
    public static WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options)
    {
        if (delivery.Topic != "order.created")
        {
            return new WebhookMapping.Ignored($"topic '{delivery.Topic}' is not one the WooCommerce connector acts on");
        }

        if (!VendorJson.TryRead<WooCommerceOrder>(delivery.Body, out var order, out var failure))
        {
            return failure!;
        }

        var billing = order.Billing;
        // customer_id is 0 for a guest checkout: the buyer is then known by the billing details only.
        var buyer = WebOrders.Customer($"{billing?.FirstName} {billing?.LastName}", billing?.Phone, billing?.Email, WooCommerceConnector.Id, order.CustomerId);
        var lines = order.LineItems.Select((line, i) => new WebOrderLine($"line_items[{i}]", line.Sku, line.Quantity)).ToList();
        return WebOrders.Sale(WooCommerceConnector.Id, order.Id, order.Shipping?.State, billing?.State, "shipping.state",
            lines, buyer, order.Currency, delivery.ReceivedAt, options);
    }
}
