using System.Text;
using JewelHub.Connectors.Shopify;
using JewelHub.Connectors.Tests.Support;
using Xunit;

namespace JewelHub.Connectors.Tests.Shopify;

public sealed class ShopifyConnectorTests
{
    private const string Secret = "shpss_test_secret_1";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly ShopifyConnector _connector = new();

    private static WebhookRequest Signed(string body, string secret = Secret, string? signature = null) => Signer.Request(body,
        ("X-Shopify-Hmac-SHA256", signature ?? Signer.Base64(secret, body)),
        ("X-Shopify-Topic", "orders/create"),
        ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));

    [Fact]
    public void Verify_CorrectlySigned_VerifiedWithWebhookIdAndTopic()
    {
        var verdict = _connector.Verify(Signed("{\"id\":1}"), Signer.Options(Secret), Now);

        Assert.Equal(new WebhookVerdict.Verified("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "orders/create"), verdict);
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_Rejected()
    {
        var request = Signed("{\"id\":1}", signature: Signer.Base64(Secret, "{\"id\":2}"));

        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now));
    }

    [Fact]
    public void Verify_WrongSecret_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}", "another-secret"), Signer.Options(Secret), Now));

    [Theory]
    [InlineData("X-Shopify-Hmac-SHA256")]
    [InlineData("X-Shopify-Webhook-Id")]
    public void Verify_HeaderMissing_RejectedNamingIt(string header)
    {
        var signed = Signed("{}");
        var request = signed with { Headers = signed.Headers.Where(h => h.Key != header).ToDictionary(StringComparer.OrdinalIgnoreCase) };

        var verdict = Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now));
        Assert.Contains(header, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureNotBase64_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}", signature: "%%%not base64%%%"), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_OldSecretDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var options = Signer.Rotating("shpss_new", Secret, oldUntil: Now.AddHours(1));

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}"), options, Now));
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}", "shpss_new"), options, Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}"), options, Now.AddHours(1)));
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}", "shpss_new"), options, Now.AddHours(1)));
    }

    [Theory]
    [InlineData("orders-create")]
    [InlineData("orders-create-guest")]
    public void Map_Order_SaleRecordedOnTheWebChannel(string fixture) =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", fixture, "orders/create"), Signer.Options(Secret)), "Shopify", fixture);

    [Fact]
    public void Map_OrdersPaidAfterCreate_SameEventId()
    {
        var created = Assert.IsType<WebhookMapping.Mapped>(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "orders-create", "orders/create", "d-1"), Signer.Options(Secret)));
        var paid = Assert.IsType<WebhookMapping.Mapped>(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "orders-create", "orders/paid", "d-2"), Signer.Options(Secret)));

        Assert.Equal(created.Events[0].Id, paid.Events[0].Id);
    }

    [Fact]
    public void Map_LineWithoutSku_FailsNamingTheLine()
    {
        var failed = Assert.IsType<WebhookMapping.Failed>(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "orders-create-no-sku", "orders/create"), Signer.Options(Secret)));

        Assert.Equal("line_items[1].sku", Assert.Single(failed.Errors).Field);
    }

    [Fact]
    public void Map_NoStateAndNoPlaceOfSupplySetting_FailsNamingTheSetting()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":7,\"line_items\":[{\"sku\":\"RING-A\",\"quantity\":1}]}");
        var delivery = new WebhookDelivery(ShopifyConnector.Id, "d-7", "orders/create", body, Now);

        var failed = Assert.IsType<WebhookMapping.Failed>(_connector.Map(delivery, Signer.Options(Secret)));
        Assert.Contains("Connectors:shopify:PlaceOfSupply", failed.Reason, StringComparison.Ordinal);

        var options = Signer.Options(Secret);
        options.PlaceOfSupply = "MH";
        Assert.IsType<WebhookMapping.Mapped>(_connector.Map(delivery, options));
    }

    [Fact]
    public void Map_UnreadablePayload_Fails() =>
        Assert.IsType<WebhookMapping.Failed>(_connector.Map(new WebhookDelivery(ShopifyConnector.Id, "d", "orders/create", "not json"u8.ToArray(), Now), Signer.Options(Secret)));

    [Fact]
    public void Map_TopicNotHandled_Ignored() =>
        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(ShopifyConnector.Id, "d", "products/update", "{}"u8.ToArray(), Now), Signer.Options(Secret)));

    [Fact]
    public void Map_OrderPaidAtCheckout_SaleRecordedThenPaymentCapturedForItsTotal()
    {
        var created = _connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "orders-paid", "orders/create", "d-1"), Signer.Options(Secret));
        var paid = Assert.IsType<WebhookMapping.Mapped>(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "orders-paid", "orders/paid", "d-2"), Signer.Options(Secret)));

        Golden.AssertEvents(created, "Shopify", "orders-paid");
        Assert.Equal(Assert.IsType<WebhookMapping.Mapped>(created).Events.Select(e => e.Id), paid.Events.Select(e => e.Id));
    }

    [Fact]
    public void Map_PaidOrderWithoutTotal_FailsNamingTotalPrice()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":7,\"financial_status\":\"paid\",\"shipping_address\":{\"province_code\":\"MH\"},\"line_items\":[{\"sku\":\"RING-A\",\"quantity\":1}]}");

        var failed = Assert.IsType<WebhookMapping.Failed>(_connector.Map(new WebhookDelivery(ShopifyConnector.Id, "d-7", "orders/create", body, Now), Signer.Options(Secret)));

        Assert.Equal("total_price", Assert.Single(failed.Errors).Field);
    }

    [Theory]
    [InlineData("customers/create")]
    [InlineData("customers/update")]
    public void Map_Customer_ReportedWithTheShopifyReferenceAndEmailConsent(string topic) =>
        Golden.AssertCustomer(_connector.Map(Golden.Delivery(ShopifyConnector.Id, "Shopify", "customers-create", topic), Signer.Options(Secret)), "Shopify", "customers-create");

    [Fact]
    public void Map_CustomerWithNeitherNameNorContact_Ignored()
    {
        var body = "{\"id\":9,\"first_name\":null,\"email\":null,\"phone\":null}"u8.ToArray();

        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(ShopifyConnector.Id, "d-9", "customers/update", body, Now), Signer.Options(Secret)));
    }
}
