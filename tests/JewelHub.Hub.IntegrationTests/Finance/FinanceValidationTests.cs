using System.Net;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

public sealed class FinanceValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Rate = "\"metal\":\"Gold\",\"fineness\":916,\"pricePerGram\":6500,\"currency\":\"INR\",\"source\":\"board\",\"asOf\":\"2026-04-01T04:00:00Z\"";

    private const string Order = "\"branch\":\"MUM\",\"placeOfSupply\":\"MH\",\"lines\":[{\"sku\":\"RING-9\",\"quantity\":1}]";

    /// <summary>(path, body, field) for bad input on every finance endpoint; {bill} stands for the one issued bill.</summary>
    private static readonly (string Path, string Body, string Field)[] BadRequests =
    [
        ("/api/metal-rates", "{}", "metal"),
        ("/api/metal-rates", "{" + Rate.Replace("\"Gold\"", "\"Brass\"", StringComparison.Ordinal) + "}", "metal"),
        ("/api/metal-rates", "{" + Rate.Replace("916", "917", StringComparison.Ordinal) + "}", "fineness"),
        ("/api/metal-rates", "{" + Rate.Replace("6500", "-6500", StringComparison.Ordinal) + "}", "pricePerGram"),
        ("/api/metal-rates", "{" + Rate.Replace("6500", "\"6500\"", StringComparison.Ordinal) + "}", "pricePerGram"),
        ("/api/metal-rates", "{" + Rate.Replace("\"INR\"", "\"RUPEES\"", StringComparison.Ordinal) + "}", "currency"),
        ("/api/metal-rates", "{" + Rate.Replace("\"board\"", "\" \"", StringComparison.Ordinal) + "}", "source"),
        ("/api/metal-rates", "{" + Rate.Replace("2026-04-01T04:00:00Z", "yesterday", StringComparison.Ordinal) + "}", "asOf"),
        ("/api/orders", "{" + Order + "}", "id"),
        ("/api/orders", """{"id":"SO-9","placeOfSupply":"MH","lines":[{"sku":"RING-9"}]}""", "branch"),
        ("/api/orders", """{"id":"SO-9","branch":"MUM","placeOfSupply":"Maharashtra","lines":[{"sku":"RING-9"}]}""", "placeOfSupply"),
        ("/api/orders", """{"id":"SO-9","branch":"MUM","placeOfSupply":"MH","lines":[]}""", "lines"),
        ("/api/orders", """{"id":"SO-9","branch":"MUM","placeOfSupply":"MH","lines":[{"quantity":1}]}""", "lines[0].sku"),
        ("/api/orders", """{"id":"SO-9","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"RING-9","quantity":0}]}""", "lines[0].quantity"),
        ("/api/orders", """{"id":"SO-9","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"RING-9"},{"sku":"RING-9"}]}""", "lines[1].sku"),
        ("/api/orders", "{\"id\":\"SO-9\"," + Order + ",\"holdMinutes\":0}", "holdMinutes"),
        ("/api/orders", "{\"id\":\"SO-9\",\"customerId\":\"C-42\"," + Order + "}", "customerId"),
        ("/api/orders", "{\"id\":\"SO/9\"," + Order + "}", "id"),
        ("/api/orders/SO-1/bill", """{"series":"MUM/X"}""", "series"),
        ("/api/bills/{bill}/void", "{}", "reason"),
        ("/api/payments", """{"billNumber":"{bill}","amount":100,"currency":"INR","method":"cash"}""", "id"),
        ("/api/payments", """{"id":"P-9","amount":100,"currency":"INR","method":"cash"}""", "billNumber"),
        ("/api/payments", """{"id":"P-9","billNumber":"MUM/2000-01/000009","amount":100,"currency":"INR","method":"cash"}""", "billNumber"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":-100,"currency":"INR","method":"cash"}""", "amount"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":100.005,"currency":"INR","method":"cash"}""", "amount"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":"100","currency":"INR","method":"cash"}""", "amount"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":100,"currency":"USD","method":"cash"}""", "currency"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":100,"method":"cash"}""", "currency"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":100,"currency":"INR","method":"Cash Box"}""", "method"),
        ("/api/payments", """{"id":"P-9","billNumber":"{bill}","amount":100,"currency":"INR","method":"cash","kind":"Gift"}""", "kind"),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BadInput_EveryFinanceEndpoint_400NamingFieldAndNothingWritten(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        await api.PieceAsync("RING-9");
        var bill = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        var before = await CountsAsync(api);

        foreach (var (path, body, field) in BadRequests)
        {
            var response = await api.PostJsonAsync(path.Replace("{bill}", bill, StringComparison.Ordinal), body.Replace("{bill}", bill, StringComparison.Ordinal));
            await FinanceApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, $"POST {path} {body}");
        }

        Assert.Equal(before, await CountsAsync(api));
        Assert.Equal("Issued", (await api.JsonAsync($"/api/bills/{bill}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Payment_MoreThanOwed_409NamesAmountAndNothingWritten(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        var bill = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;

        var response = await api.PostJsonAsync("/api/payments", $$"""{"id":"P-1","billNumber":"{{bill}}","amount":71585.01,"currency":"INR","method":"card"}""");

        await FinanceApi.AssertProblemAsync(response, HttpStatusCode.Conflict, "amount", "one paisa more than the total");
        Assert.Equal(0, await api.CountAsync("payments"));
    }

    [Fact]
    public async Task Get_UnknownIds_404()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/orders/SO-X", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/bills/MUM/2026-27/000001", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/payments/P-X", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.PostAsync("/api/orders/SO-X/bill", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.PostAsync("/api/orders/SO-X/release", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Start_UnknownShopTimeZone_HubRefusesToStart()
    {
        var settings = new Dictionary<string, string?> { ["Finance:TimeZone"] = "Mars/Olympus_Mons" };

        await Assert.ThrowsAsync<OptionsValidationException>(() => HubServer.StartAsync(DatabaseProvider.Sqlite, Ct, settings));
    }

    private static async Task<string> CountsAsync(FinanceApi api)
    {
        string[] tables =
        [
            "sales_orders", "sales_order_lines", "metal_rates", "bills", "bill_lines",
            "payments", "ledger_postings", "ledger_entries", "reservations",
        ];
        var counts = new List<string>();
        foreach (var table in tables)
        {
            counts.Add($"{table}={await api.CountAsync(table)}");
        }

        return string.Join(", ", counts);
    }
}
