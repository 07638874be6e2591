using JewelHub.Connectors.Stripe;
using JewelHub.Connectors.Tests.Support;
using Xunit;

namespace JewelHub.Connectors.Tests.Stripe;

public sealed class StripeConnectorTests
{
    private const string Secret = "whsec_stripe_test_secret";
    private const string Body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly StripeConnector _connector = new();

    private static WebhookRequest Signed(string header, string body = Body) => Signer.Request(body, ("Stripe-Signature", header));

    [Fact]
    public void Verify_CorrectlySigned_VerifiedWithTheEventsIdAndType() =>
        Assert.Equal(new WebhookVerdict.Verified("evt_1", "payment_intent.succeeded"),
            _connector.Verify(Signed(Signer.Stripe(Body, Now, Secret)), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_SeveralV1OneMatching_Verified() =>
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.Stripe(Body, Now, "whsec_other", Secret) + ",v0=ignored"), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_BodyChangedAfterSigning_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Stripe(Body, Now, Secret), Body.Replace("evt_1", "evt_2", StringComparison.Ordinal)), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_WrongSecret_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Stripe(Body, Now, "whsec_wrong")), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_TimestampAtTheTolerance_Verified_PastIt_Rejected()
    {
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.Stripe(Body, Now.AddSeconds(-300), Secret)), Signer.Options(Secret), Now));
        var late = Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Stripe(Body, Now.AddSeconds(-301), Secret)), Signer.Options(Secret), Now));
        Assert.Contains("300 seconds", late.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=1796710800")]
    [InlineData("t=soon,v1=abc")]
    public void Verify_HeaderMissingOrIncomplete_Rejected(string header)
    {
        var request = header.Length == 0 ? Signer.Request(Body) : Signed(header);

        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now));
    }

    [Fact]
    public void Verify_OldSecretDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var options = Signer.Rotating("whsec_new", Secret, oldUntil: Now.AddHours(24));

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.Stripe(Body, Now, Secret)), options, Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.Stripe(Body, Now.AddHours(24), Secret)), options, Now.AddHours(24)));
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.Stripe(Body, Now.AddHours(24), "whsec_new")), options, Now.AddHours(24)));
    }

    [Theory]
    [InlineData("payment-intent-succeeded", "payment_intent.succeeded")]
    [InlineData("charge-succeeded-jpy", "charge.succeeded")]
    [InlineData("refund-created", "refund.created")]
    public void Map_Event_CanonicalEventInMajorUnits(string fixture, string topic) =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(StripeConnector.Id, "Stripe", fixture, topic), Signer.Options(Secret)), "Stripe", fixture);

    [Fact]
    public void Map_OtherEvent_Ignored() =>
        Assert.IsType<WebhookMapping.Ignored>(_connector.Map(new WebhookDelivery(StripeConnector.Id, "e", "customer.created", "{}"u8.ToArray(), Now), Signer.Options(Secret)));
}
