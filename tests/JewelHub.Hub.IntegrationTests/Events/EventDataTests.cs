using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using JewelHub.Canonical.Events;
using JewelHub.Hub.IntegrationTests.Finance;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Events;

/// <summary>POST /api/events checks each canonical type's data before it stores anything or starts a workflow.</summary>
public sealed class EventDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_EveryTypeWithDataEmptyNullStringOrArray_400NamingDataNothingStored(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        var before = (await api.CountAsync("events"), await api.CountAsync("workflow_instances"), await api.CountAsync("bill_series"));

        foreach (var type in EventTypes.All)
        {
            foreach (var data in new[] { "{}", "null", "\"a sale\"", "[]", "[{\"orderId\":\"SO-1\"}]" })
            {
                using var response = await PostAsync(hub, type, data);

                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{type} with {data}: {(int)response.StatusCode} {body}");
                var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
                Assert.All(errors.EnumerateObject(), e => Assert.StartsWith("data", e.Name, StringComparison.Ordinal));
                Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, (await api.CountAsync("events"), await api.CountAsync("workflow_instances"), await api.CountAsync("bill_series")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SaleWithNonsenseLines_400NamingEachField(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        using var response = await PostAsync(hub, EventTypes.SaleRecorded, """
            {"orderId":"SO-1","branch":"MUM","placeOfSupply":"Maharashtra","currency":"RUPEES",
             "lines":[{"sku":"RING-1","quantity":2147483647},{"sku":"RING-2","quantity":-1}]}
            """);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Equal(["data.currency", "data.lines[0].quantity", "data.lines[1].quantity", "data.placeOfSupply"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("must be a whole number between 1 and 100000", errors.GetProperty("data.lines[0].quantity")[0].GetString());
        Assert.Equal(0, await new FinanceApi(hub).CountAsync("events"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_StockLowWithoutBranch_400NamingDataBranch(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        using var response = await PostAsync(hub, EventTypes.StockLow, """{"category":"coin","available":1,"threshold":5}""");

        await FinanceApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "data.branch", "a stock.low must name its branch");
        Assert.Equal(0, await new FinanceApi(hub).CountAsync("events"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SaleReusingAPaidOrdersId_409NamingOrderIdOrderBillAndPaymentsUntouched(DatabaseProvider provider)
    {
        // Arrange: SO-1 holds RING-1, billed and paid in part at the counter.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        await api.PieceAsync("RING-2");
        var number = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        using (var paid = await hub.Client.PostAsJsonAsync("/api/payments", new { id = "P-1", billNumber = number, amount = 1_000m, currency = "INR", method = "cash" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }

        var before = await StateAsync(hub, api, number);

        // Act: a sale of another ring under the same order id, then one at another branch, then the same sale again.
        using var otherLines = await PostAsync(hub, EventTypes.SaleRecorded, Sale("RING-2", "MUM"));
        using var otherBranch = await PostAsync(hub, EventTypes.SaleRecorded, Sale("RING-1", "PUNE"), id: "sale-2");
        var afterRefused = await StateAsync(hub, api, number);
        using var same = await PostAsync(hub, EventTypes.SaleRecorded, Sale("RING-1", "MUM"), id: "sale-3");

        // Assert
        await FinanceApi.AssertProblemAsync(otherLines, HttpStatusCode.Conflict, "data.orderId", "a sale cannot reuse another order's id");
        await FinanceApi.AssertProblemAsync(otherBranch, HttpStatusCode.Conflict, "data.orderId", "nor move it to another branch");
        Assert.Equal(before, afterRefused);
        await AssertReplayNotStoredAsync(same);
        Assert.Equal(before, await StateAsync(hub, api, number));
        var order = await api.JsonAsync("/api/orders/SO-1");
        Assert.Equal("RING-1", Assert.Single(order.GetProperty("lines").EnumerateArray()).GetProperty("sku").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SaleReusingAnOrderIdForAnotherCustomer_409NamingOrderId(DatabaseProvider provider)
    {
        // Arrange: SO-1 is Asha's (pos C-1); Meera is pos C-2.
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        var asha = await CustomerAsync(hub, "Asha Rao", "C-1");
        await CustomerAsync(hub, "Meera Iyer", "C-2");
        await api.PieceAsync("RING-1");
        using (var order = await hub.Client.PostAsJsonAsync("/api/orders", new { id = "SO-1", customerId = asha, branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = "RING-1", quantity = 1 } } }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        }

        // Act: the same ring under SO-1, for Meera, then for Asha.
        using var meeras = await PostAsync(hub, EventTypes.SaleRecorded, SaleFor("C-2"));
        using var ashas = await PostAsync(hub, EventTypes.SaleRecorded, SaleFor("C-1"), id: "sale-2");

        // Assert
        await FinanceApi.AssertProblemAsync(meeras, HttpStatusCode.Conflict, "data.orderId", "an order id cannot pass to another customer");
        await AssertReplayNotStoredAsync(ashas);
        Assert.Equal(0, await api.CountAsync("events WHERE type = 'sale.recorded'"));
    }

    // The same sale under a new event id is a replay of a recorded order: answered as a duplicate, not stored again,
    // so no second sale run starts for the order.
    private static async Task AssertReplayNotStoredAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.True(answer.GetProperty("duplicate").GetBoolean(), body);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("seq").ValueKind);
        Assert.Contains("already recorded", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string SaleFor(string customerRef) =>
        $$"""{"orderId":"SO-1","branch":"MUM","placeOfSupply":"MH","customer":{"name":"Someone","references":[{"system":"pos","externalId":"{{customerRef}}"}]},"lines":[{"sku":"RING-1","quantity":1}]}""";

    private static async Task<Guid> CustomerAsync(HubServer hub, string name, string posId)
    {
        using var response = await hub.Client.PostAsJsonAsync("/api/customers", new { name, references = new[] { new { system = "pos", externalId = posId } } }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static string Sale(string sku, string branch) =>
        $$"""{"orderId":"SO-1","branch":"{{branch}}","placeOfSupply":"MH","lines":[{"sku":"{{sku}}","quantity":1}]}""";

    // Events, bills, payments, the bill's paid amount and the next bill numbers, as a refused event must leave them.
    private static async Task<(long, long, long, string, long)> StateAsync(HubServer hub, FinanceApi api, string number)
    {
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        var nextNumbers = await connection.ExecuteScalarAsync<long>("SELECT coalesce(sum(next_number), 0) FROM bill_series");
        return (await api.CountAsync("events"), await api.CountAsync("bills"), await api.CountAsync("payments"),
            (await api.JsonAsync($"/api/bills/{number}")).GetProperty("paid").ToString(), nextNumbers);
    }

    private static Task<HttpResponseMessage> PostAsync(HubServer hub, string type, string data, string id = "sale-1") =>
        hub.Client.PostAsync("/api/events", new StringContent(
            $$"""{"specversion":"1.0","id":"{{id}}-{{type}}","source":"/pos/mumbai-1","type":"{{type}}","data":{{data}}}""",
            Encoding.UTF8, "application/json"), Ct);
}
