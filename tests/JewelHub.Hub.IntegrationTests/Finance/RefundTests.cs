using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

public sealed class RefundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Refund_OfOnePaymentOverHttp_LinkedBookedAndPublishedOnce(DatabaseProvider provider)
    {
        // Arrange: a 71,585.00 bill paid in two parts.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var (api, number) = await PaidInTwoAsync(hub);

        // Act: part of the first payment goes back, and the till posts the refund twice.
        var refund = new { id = "R-1", billNumber = number, amount = 5_000.00m, currency = "INR", method = "cash", kind = "Refund", refundOf = "P-1", reason = "ruby swapped for a garnet" };
        using var first = await hub.Client.PostAsJsonAsync("/api/payments", refund, Ct);
        using var again = await hub.Client.PostAsJsonAsync("/api/payments", refund, Ct);

        // Assert: one refund, linked to its payment, on the bill and in the books, and one payment.refunded event.
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var stored = await api.JsonAsync("/api/payments/R-1");
        Assert.Equal(("Refund", "P-1"), (stored.GetProperty("kind").GetString(), stored.GetProperty("refundOf").GetString()));
        var bill = await api.JsonAsync($"/api/bills/{number}");
        Assert.Equal(("PartiallyPaid", 66_585.00m), (bill.GetProperty("status").GetString(), bill.GetProperty("paid").GetDecimal()));
        Assert.True((await api.JsonAsync("/api/ledger/trial-balance")).GetProperty("balanced").GetBoolean());

        var refunded = Assert.Single(await api.EventsAsync("payment.refunded"));
        Assert.Equal(("/hub/api/payments", "refund-R-1", "R-1"),
            (refunded.GetProperty("source").GetString(), refunded.GetProperty("id").GetString(), refunded.GetProperty("subject").GetString()));
        var data = JsonDocument.Parse(refunded.GetProperty("body").GetString()!).RootElement.GetProperty("data");
        Assert.Equal(("R-1", "P-1", number, "5000.00", "INR", "cash", "ruby swapped for a garnet"), (
            data.GetProperty("refundId").GetString(), data.GetProperty("paymentId").GetString(), data.GetProperty("billNumber").GetString(),
            data.GetProperty("amount").GetString(), data.GetProperty("currency").GetString(), data.GetProperty("method").GetString(),
            data.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Refund_WithoutItsPaymentOrBeyondIt_RefusedNamingTheFieldNothingWritten(DatabaseProvider provider)
    {
        // Arrange: P-1 (40,000.00) has 5,000.00 refunded already, so 35,000.00 of it is left to give back.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var (api, number) = await PaidInTwoAsync(hub);
        using (var earlier = await RefundAsync(hub, "R-1", number, 5_000.00m, "P-1"))
        {
            Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
        }

        // Act
        using var unnamed = await RefundAsync(hub, "R-2", number, 100m, refundOf: null);
        using var onPayment = await hub.Client.PostAsJsonAsync("/api/payments", new { id = "P-3", billNumber = number, amount = 1m, currency = "INR", method = "cash", refundOf = "P-1" }, Ct);
        using var unknown = await RefundAsync(hub, "R-3", number, 100m, "P-9");
        using var ofARefund = await RefundAsync(hub, "R-4", number, 100m, "R-1");
        using var beyond = await RefundAsync(hub, "R-5", number, 35_000.01m, "P-1");
        using var allThatIsLeft = await RefundAsync(hub, "R-6", number, 35_000.00m, "P-1");

        // Assert: each refusal names its field; the bill was paid 71,585.00 and only went back.
        await FinanceApi.AssertProblemAsync(unnamed, HttpStatusCode.BadRequest, "refundOf", "a refund names its payment");
        await FinanceApi.AssertProblemAsync(onPayment, HttpStatusCode.BadRequest, "refundOf", "a payment names none");
        await FinanceApi.AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "refundOf", "no such payment on the bill");
        await FinanceApi.AssertProblemAsync(ofARefund, HttpStatusCode.BadRequest, "refundOf", "a refund is not refunded");
        await FinanceApi.AssertProblemAsync(beyond, HttpStatusCode.Conflict, "amount", "more than is left of P-1, though less than the bill's paid amount");
        Assert.Equal(HttpStatusCode.Created, allThatIsLeft.StatusCode);
        Assert.Equal(31_585.00m, (await api.JsonAsync($"/api/bills/{number}")).GetProperty("paid").GetDecimal());
        Assert.Equal(4, await api.CountAsync("payments"));
        Assert.Equal(["R-1", "R-6"], (await api.EventsAsync("payment.refunded")).Select(e => e.GetProperty("subject").GetString()).Order());
    }

    /// <summary>Bills RING-1 (71,585.00) and records P-1 (40,000.00) and P-2 (31,585.00) against it.</summary>
    private static async Task<(FinanceApi Api, string Number)> PaidInTwoAsync(HubServer hub)
    {
        var api = new FinanceApi(hub);
        await api.RateAsync();
        var number = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        foreach (var (id, amount) in new[] { ("P-1", 40_000.00m), ("P-2", 31_585.00m) })
        {
            using var paid = await hub.Client.PostAsJsonAsync("/api/payments", new { id, billNumber = number, amount, currency = "INR", method = "upi" }, Ct);
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }

        return (api, number);
    }

    private static Task<HttpResponseMessage> RefundAsync(HubServer hub, string id, string number, decimal amount, string? refundOf) =>
        hub.Client.PostAsJsonAsync("/api/payments", new { id, billNumber = number, amount, currency = "INR", method = "cash", kind = "Refund", refundOf }, Ct);
}
