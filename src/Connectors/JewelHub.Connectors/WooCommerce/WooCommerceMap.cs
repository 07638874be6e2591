namespace JewelHub.Connectors.WooCommerce;

/// <summary>
/// WooCommerce topics to canonical events: order.created records the sale, and an order paid at checkout
/// (<c>processing</c> with <c>date_paid_gmt</c>) is paid for its <c>total</c> too; customer.created and customer.updated
/// report the customer; other topics are ignored.
/// </summary>
internal static class WooCommerceMap
{
    public static WebhookMapping Map(WebhookDelivery delivery, WebhookConnectorOptions options)
    {
        if (delivery.Topic is "customer.created" or "customer.updated")
        {
            return Customer(delivery);
        }

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
        WebOrderPayment? paid = null;
        // A gateway that takes the money at checkout moves the order to processing and stamps date_paid; an order
        // awaiting a bank transfer or cash on delivery is on-hold or pending with no date_paid.
        if (order.Status is "processing" or "completed" && order.DatePaidGmt is { } paidGmt)
        {
            if (!WebOrders.TryTotal(order.Total, "total", out var total, out var noTotal))
            {
                return noTotal!;
            }

            paid = new WebOrderPayment(total, new DateTimeOffset(DateTime.SpecifyKind(paidGmt, DateTimeKind.Unspecified), TimeSpan.Zero));
        }

        return WebOrders.Sale(WooCommerceConnector.Id, order.Id, order.Shipping?.State, billing?.State, "shipping.state",
            lines, buyer, order.Currency, delivery.ReceivedAt, paid, options);
    }

    private static WebhookMapping Customer(WebhookDelivery delivery)
    {
        if (!VendorJson.TryRead<WooCommerceCustomer>(delivery.Body, out var customer, out var failure))
        {
            return failure!;
        }

        // WooCommerce writes its GMT times without an offset.
        var modified = customer.DateModifiedGmt is { } gmt ? new DateTimeOffset(DateTime.SpecifyKind(gmt, DateTimeKind.Unspecified), TimeSpan.Zero) : (DateTimeOffset?)null;
        var name = $"{customer.FirstName ?? customer.Billing?.FirstName} {customer.LastName ?? customer.Billing?.LastName}";
        return WebCustomers.Reported(WooCommerceConnector.Id, customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            name, customer.Billing?.Phone, customer.Email ?? customer.Billing?.Email, null, null, modified, delivery, "id");
    }
}
