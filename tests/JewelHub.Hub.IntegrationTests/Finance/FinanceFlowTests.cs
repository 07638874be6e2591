using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

public sealed class FinanceFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "MH", 1_042.50, 0)]
    [InlineData(DatabaseProvider.Postgres, "MH", 1_042.50, 0)]
    [InlineData(DatabaseProvider.Sqlite, "KA", 0, 2_085.00)]
    [InlineData(DatabaseProvider.Postgres, "KA", 0, 2_085.00)]
    public async Task OrderBillPay_22K916Ring_HandComputedTotalBillPaidPieceSold(DatabaseProvider provider, string state, double halfGst, double igst)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.PieceAsync("RING-916-1");
        await api.RateAsync();

        var order = await api.OrderAsync("SO-1", state, "RING-916-1");
        var bill = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        var again = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);

        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bill.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var issued = await bill.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var number = issued.GetProperty("number").GetString()!;
        Assert.Equal(number, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());
        Assert.Matches(@"^MUM/\d{4}-\d{2}/000001$", number);
        var line = issued.GetProperty("lines")[0];
        Assert.Equal((65_000.00m, 4_500.00m, 69_500.00m), (line.GetProperty("metalValue").GetDecimal(), line.GetProperty("makingCharge").GetDecimal(), line.GetProperty("taxable").GetDecimal()));
        Assert.Equal((6_500m, "board", 10.000m), (line.GetProperty("ratePerGram").GetDecimal(), line.GetProperty("rateSource").GetString(), line.GetProperty("netWeight").GetDecimal()));
        var tax = issued.GetProperty("tax");
        Assert.Equal(((decimal)halfGst, (decimal)halfGst, (decimal)igst), (tax.GetProperty("cgst").GetDecimal(), tax.GetProperty("sgst").GetDecimal(), tax.GetProperty("igst").GetDecimal()));
        Assert.Equal(71_585.00m, issued.GetProperty("total").GetDecimal());

        var payment = await hub.Client.PostAsJsonAsync("/api/payments", new
        {
            id = "PAY-1",
            billNumber = number,
            amount = 71_585.00m,
            currency = "INR",
            method = "upi",
            providerReference = "upi-77",
        }, Ct);
        var repeat = await hub.Client.PostAsJsonAsync("/api/payments", new
        {
            id = "PAY-1",
            billNumber = number,
            amount = 71_585.00m,
            currency = "INR",
            method = "upi",
            providerReference = "upi-77",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("Paid", (await api.JsonAsync($"/api/bills/{number}")).GetProperty("status").GetString());
        Assert.Equal("Paid", (await api.JsonAsync($"/api/bills/{Uri.EscapeDataString(number)}")).GetProperty("status").GetString());
        Assert.Equal("Sold", (await api.JsonAsync("/api/pieces/RING-916-1")).GetProperty("status").GetString());
        Assert.Equal("Paid", (await api.JsonAsync("/api/orders/SO-1")).GetProperty("status").GetString());
        Assert.Equal(71_585.00m, (await api.JsonAsync("/api/payments/PAY-1")).GetProperty("amount").GetDecimal());
        var trial = await api.JsonAsync("/api/ledger/trial-balance");
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        Assert.Equal(143_170.00m, trial.GetProperty("totalDebit").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Order_SecondLineAlreadyReserved_409NamesLineAndNothingWritten(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.PieceAsync("RING-A");
        await api.PieceAsync("RING-B");
        Assert.Equal(HttpStatusCode.Created, (await api.OrderAsync("SO-1", "MH", "RING-B")).StatusCode);

        var clash = await api.OrderAsync("SO-2", "MH", "RING-A", "RING-B");

        await FinanceApi.AssertProblemAsync(clash, HttpStatusCode.Conflict, "lines[1].sku", "RING-B is held by SO-1");
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/orders/SO-2", Ct)).StatusCode);
        Assert.Equal("Available", (await api.JsonAsync("/api/pieces/RING-A")).GetProperty("status").GetString());
        Assert.Equal(1, await api.CountAsync("sales_orders"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Bill_NoRateForFineness_409NamesLineAndNoNumberTaken(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.PieceAsync("RING-1");
        await api.OrderAsync("SO-1", "MH", "RING-1");

        var bill = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);

        await FinanceApi.AssertProblemAsync(bill, HttpStatusCode.Conflict, "lines[0].sku", "no gold 916 rate");
        Assert.Equal(0, await api.CountAsync("bills"));
        await api.RateAsync();
        var retried = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        Assert.EndsWith("/000001", (await retried.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task VoidAndRelease_PiecesAvailableAgainNumberKept(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        var bill = await api.BilledOrderAsync("SO-1", "RING-1");
        var number = bill.GetProperty("number").GetString()!;
        await api.PieceAsync("RING-2");
        await api.OrderAsync("SO-2", "MH", "RING-2");

        var voided = await hub.Client.PostAsJsonAsync($"/api/bills/{number}/void", new { reason = "wrong piece" }, Ct);
        var again = await hub.Client.PostAsJsonAsync($"/api/bills/{Uri.EscapeDataString(number)}/void", new { reason = "wrong piece" }, Ct);
        var released = await hub.Client.PostAsync("/api/orders/SO-2/release", null, Ct);
        var billReleased = await hub.Client.PostAsync("/api/orders/SO-2/bill", null, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (voided.StatusCode, again.StatusCode, released.StatusCode));
        Assert.Equal("Voided", (await api.JsonAsync($"/api/bills/{number}")).GetProperty("status").GetString());
        Assert.Equal("Available", (await api.JsonAsync("/api/pieces/RING-1")).GetProperty("status").GetString());
        Assert.Equal("Available", (await api.JsonAsync("/api/pieces/RING-2")).GetProperty("status").GetString());
        Assert.Equal("Cancelled", (await api.JsonAsync("/api/orders/SO-2")).GetProperty("status").GetString());
        await FinanceApi.AssertProblemAsync(billReleased, HttpStatusCode.Conflict, "status", "a released order is not billed");
        Assert.True((await api.JsonAsync("/api/ledger/trial-balance")).GetProperty("balanced").GetBoolean());
        var paid = await hub.Client.PostAsJsonAsync("/api/payments", new { id = "P-1", billNumber = number, amount = 10m, currency = "INR", method = "cash" }, Ct);
        await FinanceApi.AssertProblemAsync(paid, HttpStatusCode.Conflict, "billNumber", "a voided bill takes no money");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PaidRefundedVoided_PieceBackInStockOnceAndSellableAgain(DatabaseProvider provider)
    {
        // Arrange: the ring is sold (paid in full), then the customer brings it back and is refunded in full.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        var number = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        var paid = await hub.Client.PostAsJsonAsync("/api/payments", new { id = "P-1", billNumber = number, amount = 71_585.00m, currency = "INR", method = "cash" }, Ct);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("Sold", (await api.JsonAsync("/api/pieces/RING-1")).GetProperty("status").GetString());
        var refund = await hub.Client.PostAsJsonAsync("/api/payments", new { id = "R-1", billNumber = number, amount = 71_585.00m, currency = "INR", method = "cash", kind = "Refund", refundOf = "P-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);

        // Act
        var voided = await hub.Client.PostAsJsonAsync($"/api/bills/{number}/void", new { reason = "returned within 7 days" }, Ct);
        var again = await hub.Client.PostAsJsonAsync($"/api/bills/{number}/void", new { reason = "returned within 7 days" }, Ct);

        // Assert: the ring is back, with one Return movement, and a new order can hold and bill it.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (voided.StatusCode, again.StatusCode));
        Assert.Equal("Voided", (await api.JsonAsync($"/api/bills/{number}")).GetProperty("status").GetString());
        Assert.Equal("Available", (await api.JsonAsync("/api/pieces/RING-1")).GetProperty("status").GetString());
        Assert.Equal(1, await api.CountAsync("movements WHERE sku = 'RING-1' AND reason = 'Return' AND quantity_delta = 1"));
        Assert.True((await api.JsonAsync("/api/ledger/trial-balance")).GetProperty("balanced").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await api.OrderAsync("SO-2", "MH", "RING-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsync("/api/orders/SO-2/bill", null, Ct)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StockAdjustment_OverHttp_PostedToLedgerAtCurrentRate(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.PieceAsync("RING-1");
        var adjustment = new { reference = "COUNT-1", sku = "RING-1", branch = "MUM", weightDelta = 0.250m };

        var unvalued = await hub.Client.PostAsJsonAsync("/api/stock/adjustments", adjustment, Ct);
        await api.RateAsync();
        var adjusted = await hub.Client.PostAsJsonAsync("/api/stock/adjustments", adjustment, Ct);

        await FinanceApi.AssertProblemAsync(unvalued, HttpStatusCode.Conflict, "sku", "no rate to value the adjustment");
        Assert.Equal(HttpStatusCode.Created, adjusted.StatusCode);
        var trial = await api.JsonAsync("/api/ledger/trial-balance");
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        var inventory = trial.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == "inventory");
        Assert.Equal(1_625.00m, inventory.GetProperty("debit").GetDecimal());
    }
}
