namespace JewelHub.Connectors.Shopify;

/// <summary>
/// Shopify topics to canonical events: orders/create and orders/paid record the sale, and an order whose
/// <c>financial_status</c> is <c>paid</c> is paid for its <c>total_price</c> too; customers/create and
/// customers/update report the customer; other topics are ignored.
/// </summary>
internal static class ShopifyMap
{
    private static readonly HashSet<string> OrderTopics = new(StringComparer.Ordinal) { "orders/create", "orders/paid" };
    private static readonly HashSet<string> CustomerTopics = new(StringComparer.Ordinal) { "customers/create", "customers/update" };

    public static WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options)
    {
        if (delivery.Topic is not null && CustomerTopics.Contains(delivery.Topic))
        {
            return Customer(delivery);
        }

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
        WebOrderPayment? paid = null;
        if (order.FinancialStatus == "paid")
        {
            if (!WebOrders.TryTotal(order.TotalPrice, "total_price", out var total, out var noTotal))
            {
                return noTotal!;
            }

            paid = new WebOrderPayment(total, order.ProcessedAt ?? order.CreatedAt);
        }

        return WebOrders.Sale(ShopifyConnector.Id, order.Id, order.ShippingAddress?.ProvinceCode, order.BillingAddress?.ProvinceCode,
            "shipping_address.province_code", lines, buyer, order.Currency, order.CreatedAt ?? delivery.ReceivedAt, paid, options);
    }

    // Marketing consent is a statement only when Shopify says subscribed or unsubscribed; "not_subscribed" and
    // "pending" say nothing the customer decided (https://shopify.dev/docs/api/admin-rest/latest/resources/customer).
    private static WebhookMapping Customer(WebhookDelivery delivery)
    {
        if (!VendorJson.TryRead<ShopifyCustomer>(delivery.Body, out var customer, out var failure))
        {
            return failure!;
        }

        return WebCustomers.Reported(ShopifyConnector.Id, customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{customer.FirstName} {customer.LastName}", customer.Phone ?? customer.DefaultAddress?.Phone, customer.Email,
            Consent(customer.SmsMarketingConsent), Consent(customer.EmailMarketingConsent), customer.UpdatedAt, delivery, "id");
    }

    private static bool? Consent(ShopifyConsent? consent) => consent?.State switch
    {
        "subscribed" => true,
        "unsubscribed" => false,
        _ => null,
    };
}
