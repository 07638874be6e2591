using System.Text.Json;
using JewelHub.Canonical.Events;
using Xunit;

namespace JewelHub.Canonical.Tests.Events;

public sealed class EventDataCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> NotAnObject()
    {
        var cases = new TheoryData<string, string>();
        foreach (var type in EventTypes.All)
        {
            foreach (var data in new[] { "{}", "null", "\"a sale\"", "[1,2]", "42" })
            {
                cases.Add(type, data);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(NotAnObject))]
    public void Check_EmptyNullStringArrayOrNumber_Refused(string type, string data)
    {
        var errors = EventDataCheck.Check(type, JsonDocument.Parse(data).RootElement, Now);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("data", e.Field, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoDataAtAll_RefusedNamingData() =>
        Assert.Equal("data", Assert.Single(EventDataCheck.Check(EventTypes.StockLow, null, Now)).Field);

    [Fact]
    public void Check_CustomType_NotChecked() =>
        Assert.Empty(EventDataCheck.Check("watch.ended", JsonDocument.Parse("\"anything\"").RootElement, Now));

    [Fact]
    public void Check_SaleWithBadLines_NamesEachField()
    {
        var data = Json("""
            {"orderId":"SO-1","branch":"mumbai-1","placeOfSupply":"ZZ","currency":"XYZ","holdMinutes":0,
             "customer":{"phone":"12"},
             "lines":[{"sku":"RING-1","quantity":0},{"sku":"RING-1","quantity":2147483647},"ring",{"quantity":1}]}
            """);

        var fields = EventDataCheck.Check(EventTypes.SaleRecorded, data, Now).Select(e => e.Field).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "data.placeOfSupply", "data.currency", "data.holdMinutes", "data.customer.name", "data.customer.phone",
            "data.lines[0].quantity", "data.lines[1].sku", "data.lines[1].quantity", "data.lines[2]", "data.lines[3].sku",
        }, fields);
    }

    [Fact]
    public void Check_StockLowWithoutBranch_NamesBranch()
    {
        var errors = EventDataCheck.Check(EventTypes.StockLow, Json("""{"category":"coin","available":1,"threshold":5}"""), Now);

        Assert.Equal(("data.branch", "is required"), (Assert.Single(errors).Field, errors[0].Message));
    }

    [Theory]
    [InlineData("""{"metal":"gold","fineness":917,"pricePerGram":"6650.00","currency":"INR","source":"board","asOf":"2026-04-02T09:30:00+05:30"}""", "data.fineness")]
    [InlineData("""{"metal":"gold","fineness":916,"pricePerGram":"99999999999999999.99","currency":"INR","source":"board","asOf":"2026-04-02T09:30:00+05:30"}""", "data.pricePerGram")]
    [InlineData("""{"metal":"gold","fineness":916,"pricePerGram":"6650.00","currency":"INR","source":"board","asOf":"9999-12-31T00:00:00Z"}""", "data.asOf")]
    [InlineData("""{"metal":"tin","fineness":916,"pricePerGram":"6650.00","currency":"INR","source":"board","asOf":"2026-04-02T09:30:00Z"}""", "data.metal")]
    [InlineData("""{"metal":"gold","fineness":916,"pricePerGram":"6650.00","currency":"INR","source":"board","asOf":"2026-04-02T09:30:00"}""", "data.asOf")]
    public void Check_RateOutOfBounds_NamesTheField(string data, string field) =>
        Assert.Equal(field, Assert.Single(EventDataCheck.Check(EventTypes.MetalRateUpdated, Json(data), Now)).Field);

    [Fact]
    public void Check_PaymentWithNeitherBillNorOrder_Refused() =>
        Assert.Equal("data.billNumber", Assert.Single(EventDataCheck.Check(EventTypes.PaymentCaptured,
            Json("""{"paymentId":"P-1","amount":"10.00","currency":"INR","method":"cash"}"""), Now)).Field);

    [Fact]
    public void Check_ReceiptNetAboveGross_Refused()
    {
        var data = Json("""
            {"receiptId":"GRN-1","branch":"MUM","supplier":"karigar","lines":[
              {"sku":"RING-1","kind":"piece","category":"ring","quantity":2,"metal":"gold","fineness":916,"grossWeight":"5.000","netWeight":"5.100"}]}
            """);

        var fields = EventDataCheck.Check(EventTypes.StockReceived, data, Now).Select(e => e.Field);

        Assert.Equal(["data.lines[0].quantity", "data.lines[0].netWeight"], fields);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
