using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

/// <summary>
/// A web shop and a payment gateway driving the shipped sale-to-bill flow through their own signed webhooks, over real
/// HTTP: the Shopify order records the sale, the Razorpay payment (whose notes name the Shopify order) pays its bill.
/// </summary>
public sealed class WebhookSaleToBillTests
{
    private const string Flow = "sale-to-bill";
    private const string ShopifySecret = "shpss_flow_secret";
    private const string RazorpaySecret = "rzp_flow_secret";
    private const long ShopifyOrderId = 5820005810478;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Connectors:shopify:Enabled"] = "true",
        ["Connectors:shopify:Secrets:0:Value"] = ShopifySecret,
        ["Connectors:shopify:Branch"] = "MUM",
        ["Connectors:razorpay:Enabled"] = "true",
        ["Connectors:razorpay:Secrets:0:Value"] = RazorpaySecret,
        ["Webhooks:PollInterval"] = "00:00:00.050",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ShopifyOrderThenRazorpayPayment_PiecesSoldBillPaidLedgerBalanced(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, settings: Settings);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);

        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct)).StatusCode);
        var waiting = await hub.WaitForAsync(Flow, 1, "Suspended", ct);
        var billNumber = Text((await hub.InstanceAsync(Text(waiting[0]!["id"]), ct))["variables"]!["BillNumber"]);
        Assert.Equal(2 * ShopFlows.RingTotal, (await hub.GetAsync($"/api/bills/{billNumber}", ct))["total"]!.GetValue<decimal>());

        Assert.Equal(HttpStatusCode.OK, (await RazorpayPaymentAsync(hub, ct)).StatusCode);
        await hub.WaitForAsync(Flow, 1, "Finished", ct);

        await AssertSoldPaidBalancedAsync(hub, billNumber, ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RazorpayPaymentBeforeItsShopifyOrder_BilledAndPaidOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, settings: Settings);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);

        // The gateway is faster than the shop, and retries: the payment arrives first, twice.
        Assert.Equal(HttpStatusCode.OK, (await RazorpayPaymentAsync(hub, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RazorpayPaymentAsync(hub, ct)).StatusCode);
        await WaitForEventAsync(hub, "payment.captured", ct);
        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct, topic: "orders/paid", webhookId: "wh-order-paid")).StatusCode);

        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        var billNumber = Text((await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["variables"]!["BillNumber"]);
        await AssertSoldPaidBalancedAsync(hub, billNumber, ct);
        Assert.Single(await hub.InstancesAsync(Flow, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ShopifyOrderPaidAtCheckoutDeliveredThreeTimes_BilledAndPaidOnceWithoutAGatewayWebhook(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, settings: Settings);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);
        var total = (2 * ShopFlows.RingTotal).ToString("0.00", CultureInfo.InvariantCulture);

        // Shopify retries the create, and sends orders/paid for the same order too.
        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct, paidTotal: total)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct, paidTotal: total)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ShopifyOrderAsync(hub, ct, topic: "orders/paid", webhookId: "wh-order-paid", paidTotal: total)).StatusCode);

        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        var billNumber = Text((await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["variables"]!["BillNumber"]);
        await AssertSoldPaidBalancedAsync(hub, billNumber, ct);
        Assert.Single(await hub.InstancesAsync(Flow, ct));
        var payments = (await hub.Client.GetStringAsync("/api/events?take=1000", ct)).Split("\"type\":\"payment.captured\"").Length - 1;
        Assert.Equal(1, payments);
    }

    private static async Task AssertSoldPaidBalancedAsync(WorkflowHub hub, string billNumber, CancellationToken ct)
    {
        Assert.Equal(("Sold", "Sold"), (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct)));
        var bill = await hub.GetAsync($"/api/bills/{billNumber}", ct);
        Assert.Equal(("Paid", $"shopify-{ShopifyOrderId}"), (Text(bill["status"]), Text(bill["orderId"])));
        var trial = await hub.GetAsync("/api/ledger/trial-balance", ct);
        Assert.True(trial["balanced"]!.GetValue<bool>());
        // The bill's receivable and the one payment against it; a second payment would add to both sides.
        Assert.Equal(2 * 2 * ShopFlows.RingTotal, trial["totalDebit"]!.GetValue<decimal>());
    }

    private static async Task WaitForEventAsync(WorkflowHub hub, string type, CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (!(await hub.Client.GetStringAsync("/api/events?take=1000", ct)).Contains($"\"type\":\"{type}\"", StringComparison.Ordinal))
        {
            Assert.True(Environment.TickCount64 < deadline, $"no {type} event appeared");
            await Task.Delay(20, ct);
        }
    }

    private static Task<HttpResponseMessage> ShopifyOrderAsync(
        WorkflowHub hub, CancellationToken ct, string topic = "orders/create", string webhookId = "wh-order-create", string? paidTotal = null)
    {
        var payment = paidTotal is null ? "" : $"\"financial_status\":\"paid\",\"total_price\":\"{paidTotal}\",";
        var body = $$"""
            {"id":{{ShopifyOrderId}},"order_number":1001,{{payment}}"email":"asha@example.com","created_at":"2026-12-08T09:30:00+05:30","currency":"INR",
             "customer":{"id":74023,"first_name":"Asha","last_name":"Rao","email":"asha@example.com","phone":"+919876543210"},
             "shipping_address":{"province_code":"MH"},
             "line_items":[{"sku":"RING-A","quantity":1},{"sku":"RING-B","quantity":1}]}
            """;
        return PostAsync(hub, "shopify", body, ct,
            ("X-Shopify-Hmac-SHA256", Convert.ToBase64String(Hmac(ShopifySecret, body))), ("X-Shopify-Topic", topic), ("X-Shopify-Webhook-Id", webhookId));
    }

    private static Task<HttpResponseMessage> RazorpayPaymentAsync(WorkflowHub hub, CancellationToken ct)
    {
        // 1,43,170.00 rupees in paise.
        var body = """
            {"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_Flow0001","amount":14317000,"currency":"INR",
             "status":"captured","method":"upi","notes":{"shopify_order_id":"ORDER"},"created_at":1796710800}}},"created_at":1796710800}
            """.Replace("ORDER", ShopifyOrderId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return PostAsync(hub, "razorpay", body, ct, ("X-Razorpay-Signature", Convert.ToHexStringLower(Hmac(RazorpaySecret, body))), ("X-Razorpay-Event-Id", "evt_flow_1"));
    }

    private static byte[] Hmac(string secret, string body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));

    private static async Task<HttpResponseMessage> PostAsync(WorkflowHub hub, string connector, string body, CancellationToken ct, params (string Name, string Value)[] headers)
    {
        using var client = hub.Server.CreateClient(withAdminKey: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{connector}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, ct);
    }
}
