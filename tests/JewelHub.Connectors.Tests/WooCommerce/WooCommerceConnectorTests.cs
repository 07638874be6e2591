using System.Text;
using System.Text.Json;
using JewelHub.Connectors.Tests.Support;
using JewelHub.Connectors.WooCommerce;
using Xunit;

namespace JewelHub.Connectors.Tests.WooCommerce;

public sealed class WooCommerceConnectorTests
{
    private const string Secret = "wc_webhook_secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly WooCommerceConnector _connector = new();

    private static WebhookRequest Signed(string body, string? signature = null) => Signer.Request(body,
        ("X-WC-Webhook-Signature", signature ?? Signer.Base64(Secret, body)),
        ("X-WC-Webhook-Topic", "order.created"),
        ("X-WC-Webhook-Delivery-ID", "4f1b0c8e2d"));

    [Fact]
    public void Verify_PhpEscapedBodyAsSent_Verified_ReSerialised_Rejected()
    {
        var asSent = Encoding.UTF8.GetString(Golden.Payload("WooCommerce", "order-created"));
        var reSerialised = JsonSerializer.Serialize(JsonDocument.Parse(asSent).RootElement);

        Assert.Equal(new WebhookVerdict.Verified("4f1b0c8e2d", "order.created"), _connector.Verify(Signed(asSent), Signer.Options(Secret), Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(reSerialised, Signer.Base64(Secret, asSent)), Signer.Options(Secret), Now));
    }

    [Fact]
    public void Verify_WrongSecret_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}", Signer.Base64("nope", "{}")), Signer.Options(Secret), Now));

    [Theory]
    [InlineData("X-WC-Webhook-Signature")]
    [InlineData("X-WC-Webhook-Delivery-ID")]
    public void Verify_HeaderMissing_RejectedNamingIt(string header)
    {
        var signed = Signed("{}");
        var request = signed with { Headers = signed.Headers.Where(h => h.Key != header).ToDictionary(StringComparer.OrdinalIgnoreCase) };

        Assert.Contains(header, Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OldSecretDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var options = Signer.Rotating("wc_new", Secret, oldUntil: Now.AddMinutes(5));

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}"), options, Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}"), options, Now.AddMinutes(5)));
    }

    [Fact]
    public void Map_GuestOrderInPhpEscapedJson_SaleRecordedWithTheBillingBuyer() =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(WooCommerceConnector.Id, "WooCommerce", "order-created", "order.created"), Signer.Options(Secret)), "WooCommerce", "order-created");

    [Fact]
    public void Map_OrderUpdated_Ignored() =>
        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(WooCommerceConnector.Id, "d", "order.updated", "{}"u8.ToArray(), Now), Signer.Options(Secret)));

    [Fact]
    public void Map_OrderPaidAtCheckout_SaleRecordedThenPaymentCapturedForItsTotal() =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(WooCommerceConnector.Id, "WooCommerce", "order-paid", "order.created"), Signer.Options(Secret)), "WooCommerce", "order-paid");

    [Theory]
    [InlineData("customer.created")]
    [InlineData("customer.updated")]
    public void Map_Customer_ReportedWithTheWooCommerceReference(string topic) =>
        Golden.AssertCustomer(_connector.Map(Golden.Delivery(WooCommerceConnector.Id, "WooCommerce", "customer-updated", topic), Signer.Options(Secret)), "WooCommerce", "customer-updated");
}
