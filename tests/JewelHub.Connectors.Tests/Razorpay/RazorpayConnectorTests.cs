using JewelHub.Connectors.Razorpay;
using JewelHub.Connectors.Tests.Support;
using Xunit;

namespace JewelHub.Connectors.Tests.Razorpay;

public sealed class RazorpayConnectorTests
{
    private const string Secret = "rzp_webhook_secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly RazorpayConnector _connector = new();

    private static WebhookRequest Signed(string body, string secret = Secret, string? signature = null) => Signer.Request(body,
        ("X-Razorpay-Signature", signature ?? Signer.Hex(secret, body)),
        ("X-Razorpay-Event-Id", "KlM8Q3cKzbWmLr"));

    [Fact]
    public void Verify_CorrectlySigned_VerifiedWithEventIdAndTheBodysEvent()
    {
        var verdict = _connector.Verify(Signed("{\"event\":\"payment.captured\"}"), Signer.Options(Secret), Now);

        Assert.Equal(new WebhookVerdict.Verified("KlM8Q3cKzbWmLr", "payment.captured"), verdict);
    }

    [Fact]
    public void Verify_UpperCaseHex_Verified()
    {
        var body = "{\"event\":\"payment.captured\"}";

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(body, signature: Signer.Hex(Secret, body).ToUpperInvariant()), Signer.Options(Secret), Now));
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{\"amount\":100}", signature: Signer.Hex(Secret, "{\"amount\":1}")), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_WrongSecret_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}", "wrong"), Signer.Options(Secret), Now));

    [Theory]
    [InlineData("X-Razorpay-Signature")]
    [InlineData("X-Razorpay-Event-Id")]
    public void Verify_HeaderMissing_RejectedNamingIt(string header)
    {
        var signed = Signed("{}");
        var request = signed with { Headers = signed.Headers.Where(h => h.Key != header).ToDictionary(StringComparer.OrdinalIgnoreCase) };

        Assert.Contains(header, Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OldSecretDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var options = Signer.Rotating("rzp_new", Secret, oldUntil: Now.AddMinutes(30));

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}"), options, Now.AddMinutes(29)));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed("{}"), options, Now.AddMinutes(30)));
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("{}", "rzp_new"), options, Now.AddMinutes(30)));
    }

    [Theory]
    [InlineData("payment-captured", "payment.captured")]
    [InlineData("refund-processed", "refund.processed")]
    public void Map_Event_CanonicalEventWithPaiseAsRupees(string fixture, string topic) =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(RazorpayConnector.Id, "Razorpay", fixture, topic), Signer.Options(Secret)), "Razorpay", fixture);

    [Fact]
    public void Map_PaymentWithoutOrderInNotes_FailsNamingNotes()
    {
        var body = "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":100,\"currency\":\"INR\",\"notes\":{}}}}}"u8.ToArray();

        var failed = Assert.IsType<WebhookMapping.Failed>(_connector.Map(new WebhookDelivery(RazorpayConnector.Id, "e", "payment.captured", body, Now), Signer.Options(Secret)));
        Assert.Equal("payload.payment.entity.notes", Assert.Single(failed.Errors).Field);
    }

    [Fact]
    public void Map_OtherEvent_Ignored() =>
        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(RazorpayConnector.Id, "e", "payment.authorized", "{}"u8.ToArray(), Now), Signer.Options(Secret)));
}
