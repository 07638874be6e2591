namespace JewelHub.Hub.IntegrationTests.Webhooks;

/// <summary>Shopify order payloads as Shopify sends them.</summary>
public static class ShopifyOrders
{
    public static string Order(long id, string state = "MH", params string[] skus) => $$"""
        {"id":{{id}},"order_number":{{id % 10000}},"email":"asha@example.com","created_at":"2026-12-08T09:30:00+05:30","currency":"INR",
         "customer":{"id":74023,"first_name":"Asha","last_name":"Rao","email":"asha@example.com","phone":"+919876543210"},
         "shipping_address":{"province_code":"{{state}}"},
         "line_items":[{{string.Join(",", (skus.Length == 0 ? ["RING-A"] : skus).Select(sku => $$"""{"sku":"{{sku}}","quantity":1}"""))}}]}
        """;

    /// <summary>An order whose addresses name no state.</summary>
    public static string OrderWithoutState(long id) => $$"""
        {"id":{{id}},"currency":"INR","customer":null,"line_items":[{"sku":"RING-A","quantity":1}]}
        """;
}
