using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

public sealed class BillEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BillIssuedThenVoidedOverHttp_EachPublishedOnceWithTheBillsFigures(DatabaseProvider provider)
    {
        // Arrange: a 22K ring, 10.000 g net at Rs 6,500.00/g with Rs 450/g making, sold in Maharashtra.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();

        // Act: billed, billed again, voided, voided again.
        var number = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        using var billedAgain = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        using var voided = await hub.Client.PostAsJsonAsync($"/api/bills/{number}/void", new { reason = "customer changed her mind" }, Ct);
        using var voidedAgain = await hub.Client.PostAsJsonAsync($"/api/bills/{number}/void", new { reason = "customer changed her mind" }, Ct);

        // Assert: one bill.issued with the bill as issued (65,000 metal + 4,500 making, 1.5 % CGST and SGST), one bill.voided.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (billedAgain.StatusCode, voided.StatusCode, voidedAgain.StatusCode));
        var issued = Assert.Single(await api.EventsAsync("bill.issued"));
        Assert.Equal(("/hub/api/bills", "bill-" + number.Replace('/', '-'), number),
            (issued.GetProperty("source").GetString(), issued.GetProperty("id").GetString(), issued.GetProperty("subject").GetString()));
        var bill = Data(issued);
        Assert.Equal((number, "MUM", "SO-1", "MUM", "MH", "INR"), (bill.GetProperty("billNumber").GetString(), bill.GetProperty("series").GetString(),
            bill.GetProperty("orderId").GetString(), bill.GetProperty("branch").GetString(), bill.GetProperty("placeOfSupply").GetString(), bill.GetProperty("currency").GetString()));
        Assert.Equal(("69500.00", "1042.50", "1042.50", "0.00", "71585.00"), (bill.GetProperty("taxable").GetString(), bill.GetProperty("cgst").GetString(),
            bill.GetProperty("sgst").GetString(), bill.GetProperty("igst").GetString(), bill.GetProperty("total").GetString()));
        var line = Assert.Single(bill.GetProperty("lines").EnumerateArray());
        Assert.Equal(("RING-1", "7113", 916, 1, "10.000", "6500.00", "board"), (line.GetProperty("sku").GetString(), line.GetProperty("hsn").GetString(),
            line.GetProperty("fineness").GetInt32(), line.GetProperty("quantity").GetInt32(), line.GetProperty("netWeight").GetString(),
            line.GetProperty("ratePerGram").GetString(), line.GetProperty("rateSource").GetString()));
        Assert.Equal(("65000.00", "4500.00", "69500.00", "71585.00"), (line.GetProperty("metalValue").GetString(), line.GetProperty("makingCharge").GetString(),
            line.GetProperty("taxable").GetString(), line.GetProperty("total").GetString()));

        var cancelled = Data(Assert.Single(await api.EventsAsync("bill.voided")));
        Assert.Equal((number, "SO-1", "customer changed her mind"),
            (cancelled.GetProperty("billNumber").GetString(), cancelled.GetProperty("orderId").GetString(), cancelled.GetProperty("reason").GetString()));
    }

    private static JsonElement Data(JsonElement stored) =>
        JsonDocument.Parse(stored.GetProperty("body").GetString()!).RootElement.GetProperty("data").Clone();
}
