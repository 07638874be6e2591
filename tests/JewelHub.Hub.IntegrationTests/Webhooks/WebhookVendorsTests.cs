using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Webhooks.WebhookSender;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

/// <summary>Each vendor's signed delivery, over real HTTP, stored and mapped to its canonical event.</summary>
public sealed class WebhookVendorsTests
{
    private const string WooSecret = "wc_integration_secret";
    private const string SquareKey = "sq_integration_key";
    private const string SquareUrl = "https://hub.example.in/webhooks/square";
    private const string PosSecret = "whsec_amV3ZWxodWItcG9zLWV4YW1wbGUta2V5LTMyYnl0ZXM=";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_EachVendorsSignedDelivery_BecomesItsCanonicalEvent(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings(
            ("Connectors:woocommerce:Enabled", "true"), ("Connectors:woocommerce:Secrets:0:Value", WooSecret),
            ("Connectors:square:Enabled", "true"), ("Connectors:square:Secrets:0:Value", SquareKey), ("Connectors:square:NotificationUrl", SquareUrl),
            ("Connectors:pos:Enabled", "true"), ("Connectors:pos:Secrets:0:Value", PosSecret)));
        var sender = new WebhookSender(hub);
        var now = TimeProvider.System.GetUtcNow();

        // WooCommerce writes its JSON from PHP: escaped slashes and non-ASCII, verified as sent.
        var woo = """{"id":727,"currency":"INR","customer_id":0,"billing":{"first_name":"Ren\u00e9e","last_name":"D'Souza","state":"KA"},"line_items":[{"sku":"COIN-10G","quantity":1,"image":{"src":"https:\/\/shop.example.in\/coin.jpg"}}]}""";
        var square = """{"event_id":"sq-ev-1","type":"payment.updated","data":{"object":{"payment":{"id":"sqpay1","status":"COMPLETED","reference_id":"SO-7","amount_money":{"amount":4523050,"currency":"INR"}}}}}""";
        var pos = """{"type":"sale.recorded","data":{"orderId":"POS-SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"RING-A","quantity":1}]}}""";
        var razorpay = """{"event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_1","amount":14317050,"currency":"INR","notes":{"order_id":"SO-9"}}}}}""";
        var stripe = """{"id":"evt_1","type":"payment_intent.succeeded","created":1796710800,"data":{"object":{"id":"pi_1","object":"payment_intent","amount":5000,"currency":"jpy","metadata":{"order_id":"SO-JP"}}}}""";
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var posKey = Convert.FromBase64String(PosSecret["whsec_".Length..]);
        var posSignature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(posKey, Encoding.UTF8.GetBytes($"msg_1.{timestamp}.{pos}")));

        HttpResponseMessage[] responses =
        [
            await sender.ShopifyAsync("orders/create", "wh-1", ShopifyOrders.Order(1001), Ct),
            await sender.PostAsync("woocommerce", woo, Ct, ("X-WC-Webhook-Signature", Base64Hmac(WooSecret, woo)), ("X-WC-Webhook-Topic", "order.created"), ("X-WC-Webhook-Delivery-ID", "wc-1")),
            await sender.PostAsync("square", square, Ct, ("x-square-hmacsha256-signature", Base64Hmac(SquareKey, SquareUrl + square))),
            await sender.PostAsync("pos", pos, Ct, ("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", posSignature)),
            await sender.RazorpayAsync("rzp-ev-1", razorpay, Ct),
            await sender.StripeAsync(stripe, now, Ct),
        ];

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        (string Connector, string Delivery, string Type, string Id, string Field, string Value)[] expected =
        [
            ("shopify", "wh-1", "sale.recorded", "order-1001", "orderId", "shopify-1001"),
            ("woocommerce", "wc-1", "sale.recorded", "order-727", "customer", "Ren\u00e9e D'Souza"),
            ("square", "sq-ev-1", "payment.captured", "payment-sqpay1", "amount", "45230.50"),
            ("pos", "msg_1", "sale.recorded", "msg_1", "channel", "pos"),
            ("razorpay", "rzp-ev-1", "payment.captured", "payment-pay_1", "amount", "143170.50"),
            ("stripe", "evt_1", "payment.captured", "payment-pi_1", "amount", "5000"),
        ];
        foreach (var (connector, delivery, type, id, field, value) in expected)
        {
            await WaitUntilAsync(async () => await sender.StatusAsync(connector, delivery, Ct) == InboxStatus.Processed, $"{connector} {delivery} is processed", Ct);
            var stored = Assert.Single(await sender.EventsAsync(connector, Ct));
            Assert.Equal((type, id), (stored.Type, stored.Id));
            var data = JsonDocument.Parse(stored.Body).RootElement.GetProperty("data").GetProperty(field);
            Assert.Equal(value, data.ValueKind == JsonValueKind.Object ? data.GetProperty("name").GetString() : data.GetString());
        }
    }
}
