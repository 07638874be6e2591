using System.Text;
using JewelHub.Connectors.Pos;
using JewelHub.Connectors.Tests.Support;
using Xunit;

namespace JewelHub.Connectors.Tests.Pos;

public sealed class PosConnectorTests
{
    // The worked example of docs/webhooks/pos.md: a till that follows the page gets exactly this signature.
    private const string Secret = "whsec_amV3ZWxodWItcG9zLWV4YW1wbGUta2V5LTMyYnl0ZXM=";
    private const string Id = "msg_2Yk1f0Q3pos0001";
    private const long Timestamp = 1796710800;
    private const string Body = """{"type":"payment.captured","timestamp":"2026-12-08T06:20:00Z","data":{"paymentId":"POS-MUM-1-000123","orderId":"SO-MUM-1-0042","amount":"45230.50","currency":"INR","method":"upi"}}""";
    private const string DocumentedSignature = "v1,ZGpq1Dn643I94xRHrw2gErC8Bc6+ysXgd+HnQ7y1eJI=";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp).AddSeconds(20);
    private readonly PosConnector _connector = new();

    private static WebhookRequest Signed(string signature, string body = Body, long timestamp = Timestamp) => Signer.Request(body,
        ("webhook-id", Id), ("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("webhook-signature", signature));

    [Fact]
    public void Verify_DocumentedExample_Verified()
    {
        Assert.Equal(DocumentedSignature, Signer.StandardWebhooks(Secret, Id, Timestamp, Body));
        Assert.Equal(new WebhookVerdict.Verified(Id, "payment.captured"), _connector.Verify(Signed(DocumentedSignature), Signer.Options(Secret), Now));
    }

    [Fact]
    public void Verify_SeveralSignaturesOneMatching_Verified() =>
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed("v1,AAAA v1a,zzz " + DocumentedSignature), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_BodyChangedAfterSigning_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(DocumentedSignature, Body.Replace("45230.50", "5230.50", StringComparison.Ordinal)), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_WrongSecret_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(Signer.StandardWebhooks("whsec_" + Convert.ToBase64String(new byte[32]), Id, Timestamp, Body)), Signer.Options(Secret), Now));

    [Fact]
    public void Verify_TimestampPastTolerance_Rejected() =>
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(DocumentedSignature), Signer.Options(Secret), Now.AddMinutes(6)));

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Verify_HeaderMissing_RejectedNamingIt(string header)
    {
        var signed = Signed(DocumentedSignature);
        var request = signed with { Headers = signed.Headers.Where(h => h.Key != header).ToDictionary(StringComparer.OrdinalIgnoreCase) };

        Assert.Contains(header, Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(request, Signer.Options(Secret), Now)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OldSecretDuringOverlap_Verified_AfterOverlap_Rejected()
    {
        var newSecret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a-brand-new-pos-signing-key-0001"));
        var options = Signer.Rotating(newSecret, Secret, oldUntil: Now.AddSeconds(10));

        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(DocumentedSignature), options, Now));
        Assert.IsType<WebhookVerdict.Rejected>(_connector.Verify(Signed(DocumentedSignature), options, Now.AddSeconds(10)));
        Assert.IsType<WebhookVerdict.Verified>(_connector.Verify(Signed(Signer.StandardWebhooks(newSecret, Id, Timestamp, Body)), options, Now.AddSeconds(10)));
    }

    [Fact]
    public void Check_SecretNotWhsec_NamesTheSetting()
    {
        var problem = Assert.Single(_connector.Check(Signer.Options("plain-secret")));

        Assert.Contains("Connectors:pos:Secrets:0:Value", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Payment_CanonicalEventWithTheMessageId()
    {
        var delivery = new WebhookDelivery(PosConnector.Id, Id, "payment.captured", Encoding.UTF8.GetBytes(Body), Now);

        var mapped = Assert.IsType<WebhookMapping.Mapped>(_connector.Map(delivery, Signer.Options(Secret)));

        var cloudEvent = Assert.Single(mapped.Events);
        Assert.Equal((Id, "/connectors/pos", "payment.captured", "SO-MUM-1-0042"), (cloudEvent.Id, cloudEvent.Source, cloudEvent.Type, cloudEvent.Subject));
        Assert.Empty(JewelHub.Canonical.Events.EventDataCheck.Check(cloudEvent.Type, cloudEvent.Data, Now));
    }

    [Fact]
    public void Map_SaleWithoutChannel_RecordedAsCounterSale()
    {
        var body = """{"type":"sale.recorded","data":{"orderId":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"RING-A","quantity":1}]}}""";

        var mapped = Assert.IsType<WebhookMapping.Mapped>(_connector.Map(new WebhookDelivery(PosConnector.Id, "msg_1", "sale.recorded", Encoding.UTF8.GetBytes(body), Now), Signer.Options(Secret)));

        Assert.Equal("pos", mapped.Events[0].Data!.Value.GetProperty("channel").GetString());
    }

    [Fact]
    public void Map_CounterSale_SaleRecordedOnThePosChannel() =>
        Golden.AssertEvents(_connector.Map(Golden.Delivery(PosConnector.Id, "Pos", "sale-recorded", "sale.recorded", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"), Signer.Options(Secret)), "Pos", "sale-recorded");
}
