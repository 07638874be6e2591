using JewelHub.Connectors.Square;
using JewelHub.Connectors.Tests.Support;
using Xunit;

namespace JewelHub.Connectors.Tests.Square;

public sealed class SquareConnectorTests
{
    private const string Key = "sq0wbk-test-signature-key";
    private const string Url = "https://hub.example.in/webhooks/square";
    private const string Body = "{\"event_id\":\"ev-1\",\"type\":\"payment.updated\"}";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly SquareConnector _connector = new();

    private static WebhookConnectorOptions Options(params string[] keys)
    {
        var options = Signer.Options(keys);
        options.NotificationUrl = Url;
        return options;
    }

    private static WebhookRequest Signed(string signature, string body = Body) => Signer.Request(body, ("x-square-hmacsha256-signature", signature));

    [Fact]
    public void Verify_SignedOverUrlAndBody_VerifiedWithTheBodysEventId() =>
        Assert.Equal(new WebhookVerdict.Verified("ev-1", "payment.updated"), _connector.Verify(Signed(Signer.Base64(Key, Url + Body)), Options(Key), Now));

    [Fact]
    public void Verify_SignedOverAnotherUrl_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Base64(Key, "https://evil.example/hook" + Body)), Options(Key), Now));

    [Fact]
    public void Verify_BodyChangedAfterSigning_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Base64(Key, Url + Body), Body + " "), Options(Key), Now));

    [Fact]
    public void Verify_WrongKey_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Base64("other", Url + Body)), Options(Key), Now));

    [Fact]
    public void Verify_HeaderMissing_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signer.Request(Body), Options(Key), Now));

    [Fact]
    public void Verify_OldKeyDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var options = Options("sq-new");
        options.Secrets.Add(new WebhookSecret { Value = Key, NotAfter = Now.AddDays(1) });

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.Base64(Key, Url + Body)), options, Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Base64(Key, Url + Body)), options, Now.AddDays(1)));
    }

    [Fact]
    public void Check_EnabledWithoutNotificationUrl_NamesTheSetting() =>
        Assert.Contains(_connector.Check(Signer.Options(Key)), problem => problem.StartsWith("Connectors:square:NotificationUrl", StringComparison.Ordinal));

    [Fact]
    public void Map_CompletedPayment_PaymentCapturedInRupees() =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(SquareConnector.Id, "Square", "payment-updated", "payment.updated"), Options(Key)), "Square", "payment-updated");

    [Fact]
    public void Map_OrderEvent_Ignored() =>
        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(SquareConnector.Id, "e", "order.created", "{}"u8.ToArray(), Now), Options(Key)));

    [Fact]
    public void Map_Customer_ReportedWithTheSquareReferenceAndEmailOptOut() =>
        Golden.AssertCustomer(_connector.Map(Golden.Delivery(SquareConnector.Id, "Square", "customer-created", "customer.created"), Options(Key)), "Square", "customer-created");
}
