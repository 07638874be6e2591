using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

/// <summary>
/// Every value the business endpoints accept is held to the limits in Bounds: overflowing amounts and weights, huge
/// quantities, percentages and dates, long ids and ids that cannot be read back are refused with a problem naming the
/// field, and nothing is written.
/// </summary>
public sealed class BoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Overflow = "99999999999999999.99";
    private const string OverflowGrams = "99999999999999999.999";
    private const string Int32Max = "2147483647";
    private static readonly string Huge = new('A', 100_000);

    private const string Rate = """{"metal":"Gold","fineness":916,"pricePerGram":6500,"currency":"INR","source":"board","asOf":"2026-04-01T04:00:00Z"}""";

    private const string Piece = """
        {"sku":"RING-B","category":"Ring","metal":"Gold","fineness":916,"grossWeight":10.5,"netWeight":10,
         "making":{"mode":"PerGram","value":450},"wastagePercent":2,"otherCharges":45,"branch":"MUM",
         "stones":[{"type":"diamond","count":2,"carats":0.35,"value":12500}]}
        """;

    private const string Coin = """{"sku":"COIN-B","category":"coins","metal":"Gold","fineness":999,"unitWeight":10,"making":{"mode":"Flat","value":250}}""";

    private const string Order = """{"id":"SO-B","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"COIN-1","quantity":1}]}""";

    private const string Reservation = """{"orderId":"RES-B","branch":"MUM","lines":[{"sku":"COIN-1","quantity":1}]}""";

    private const string Receipt = """{"reference":"GRN-B","branch":"MUM","items":[{"sku":"COIN-1","quantity":1}]}""";

    private const string Adjustment = """{"reference":"CNT-B","sku":"COIN-1","branch":"MUM","quantityDelta":1}""";

    private const string Payment = """{"id":"PAY-B","billNumber":"{bill}","amount":100,"currency":"INR","method":"cash"}""";

    /// <summary>(path, body, field): each example of the issue, and the bounds either side of it.</summary>
    private static readonly (string Path, string Body, string Field)[] Refused =
    [
        ("/api/metal-rates", Set(Rate, "pricePerGram", Overflow), "pricePerGram"),
        ("/api/metal-rates", Set(Rate, "pricePerGram", "1000000.01"), "pricePerGram"),
        ("/api/metal-rates", Set(Rate, "asOf", "\"9999-12-31T00:00:00Z\""), "asOf"),
        ("/api/metal-rates", Set(Rate, "asOf", "\"0001-01-01T00:00:00Z\""), "asOf"),
        ("/api/metal-rates", Set(Rate, "source", $"\"{Huge}\""), "source"),
        ("/api/pieces", Set(Piece, "grossWeight", OverflowGrams), "grossWeight"),
        ("/api/pieces", Set(Piece, "netWeight", OverflowGrams), "netWeight"),
        ("/api/pieces", Set(Piece, "grossWeight", "100000.001"), "grossWeight"),
        ("/api/pieces", Set(Piece, "wastagePercent", "1000000000000000"), "wastagePercent"),
        ("/api/pieces", Set(Piece, "wastagePercent", "100.01"), "wastagePercent"),
        ("/api/pieces", Set(Piece, "making", """{"mode":"PerGram","value":1000000000000000}"""), "making.value"),
        ("/api/pieces", Set(Piece, "making", """{"mode":"Percent","value":101}"""), "making.value"),
        ("/api/pieces", Set(Piece, "making", """{"mode":"Flat","value":99999999999999999.99}"""), "making.value"),
        ("/api/pieces", Set(Piece, "otherCharges", Overflow), "otherCharges"),
        ("/api/pieces", Set(Piece, "stones", $$"""[{"type":"diamond","carats":{{OverflowGrams}}}]"""), "stones[0].carats"),
        ("/api/pieces", Set(Piece, "stones", $$"""[{"type":"diamond","carats":1,"value":{{Overflow}}}]"""), "stones[0].value"),
        ("/api/pieces", Set(Piece, "stones", $$"""[{"type":"diamond","carats":1,"count":{{Int32Max}}}]"""), "stones[0].count"),
        ("/api/pieces", Set(Piece, "sku", $"\"{Huge}\""), "sku"),
        ("/api/pieces", Set(Piece, "category", $"\"{Huge}\""), "category"),
        ("/api/pieces", Set(Piece, "branch", $"\"{Huge}\""), "branch"),
        ("/api/stock-items", Set(Coin, "unitWeight", OverflowGrams), "unitWeight"),
        ("/api/stock-items", Set(Coin, "making", """{"mode":"Flat","value":1000000000000000}"""), "making.value"),
        ("/api/stock-items", Set(Coin, "sku", $"\"{Huge}\""), "sku"),
        ("/api/reservations", Set(Reservation, "lines", $$"""[{"sku":"COIN-1","quantity":{{Int32Max}}}]"""), "lines[0].quantity"),
        ("/api/reservations", Set(Reservation, "orderId", $"\"{Huge}\""), "orderId"),
        ("/api/reservations", Set(Reservation, "orderId", "\"RES/B\""), "orderId"),
        ("/api/stock/receipts", Set(Receipt, "items", $$"""[{"sku":"COIN-1","quantity":{{Int32Max}}}]"""), "items[0].quantity"),
        ("/api/stock/receipts", Set(Receipt, "reference", $"\"{Huge}\""), "reference"),
        ("/api/stock/adjustments", Set(Adjustment, "quantityDelta", Int32Max), "quantityDelta"),
        ("/api/stock/adjustments", Set(Adjustment, "quantityDelta", "-" + Int32Max), "quantityDelta"),
        ("/api/stock/adjustments", Set(Set(Adjustment, "quantityDelta", "0"), "weightDelta", OverflowGrams), "weightDelta"),
        ("/api/stock/adjustments", Set(Adjustment, "reference", $"\"{Huge}\""), "reference"),
        ("/api/orders", Set(Order, "lines", $$"""[{"sku":"COIN-1","quantity":{{Int32Max}}}]"""), "lines[0].quantity"),
        ("/api/orders", Set(Order, "id", $"\"{Huge}\""), "id"),
        ("/api/orders", Set(Order, "customerId", "\"6f1c2a3b-0000-4000-8000-000000000042\""), "customerId"),
        ("/api/payments", Set(Payment, "amount", Overflow), "amount"),
        ("/api/payments", Set(Payment, "amount", "1000000000.01"), "amount"),
        ("/api/payments", Set(Payment, "at", "\"0001-01-01T00:00:00Z\""), "at"),
        ("/api/payments", Set(Payment, "at", "\"9999-12-31T00:00:00Z\""), "at"),
        ("/api/payments", Set(Payment, "id", $"\"{Huge}\""), "id"),
        ("/api/payments", Set(Payment, "id", "\"PAY/B/1\""), "id"),
        ("/api/payments", Set(Payment, "providerReference", $"\"{Huge}\""), "providerReference"),
        ("/api/payments", Set(Payment, "reason", $"\"{Huge}\""), "reason"),
        ("/api/bills/{bill}/void", $"{{\"reason\":\"{Huge}\"}}", "reason"),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OutOfBounds_EveryBusinessEndpoint_400NamingFieldAndNothingWritten(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        await StockCoinAsync(api, "COIN-1", 10);
        var bill = (await api.BilledOrderAsync("SO-1", "RING-1")).GetProperty("number").GetString()!;
        var before = await RowsAsync(api);

        foreach (var (path, body, field) in Refused)
        {
            var response = await api.PostJsonAsync(path.Replace("{bill}", bill, StringComparison.Ordinal), body.Replace("{bill}", bill, StringComparison.Ordinal));
            await FinanceApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, $"POST {path} {Shorten(body)}");
        }

        var threshold = await hub.Client.PutAsync("/api/stock/thresholds",
            JsonContent.Create(new { category = "coins", branch = "MUM", minQuantity = int.MaxValue }), Ct);
        await FinanceApi.AssertProblemAsync(threshold, HttpStatusCode.BadRequest, "minQuantity", "PUT /api/stock/thresholds");
        Assert.Equal(before, await RowsAsync(api));
        Assert.Equal("Issued", (await api.JsonAsync($"/api/bills/{bill}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MostCoins_ReceiptOrAdjustmentPastMaxOnHand_409AndStockStillReadsReservesAndOrders(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/metal-rates", Set(Rate, "fineness", "999"))).StatusCode);
        await StockCoinAsync(api, "COIN-1", 100_000);
        for (var i = 2; i <= 10; i++)
        {
            var receipt = await api.PostJsonAsync("/api/stock/receipts", $$"""{"reference":"GRN-{{i}}","branch":"MUM","items":[{"sku":"COIN-1","quantity":100000}]}""");
            Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        }

        var before = await RowsAsync(api);
        var tooMany = await api.PostJsonAsync("/api/stock/receipts", """{"reference":"GRN-11","branch":"MUM","items":[{"sku":"COIN-1","quantity":1}]}""");
        await FinanceApi.AssertProblemAsync(tooMany, HttpStatusCode.Conflict, "items[0].quantity", "a receipt past 1,000,000 on hand");
        var adjusted = await api.PostJsonAsync("/api/stock/adjustments", """{"reference":"CNT-1","sku":"COIN-1","branch":"MUM","quantityDelta":1}""");
        await FinanceApi.AssertProblemAsync(adjusted, HttpStatusCode.Conflict, "quantityDelta", "an adjustment past 1,000,000 on hand");
        var coins = await api.PostJsonAsync("/api/stock/receipts", $$"""{"reference":"GRN-X","branch":"MUM","items":[{"sku":"COIN-1","quantity":{{Int32Max}}}]}""");
        await FinanceApi.AssertProblemAsync(coins, HttpStatusCode.BadRequest, "items[0].quantity", "a receipt of 2,147,483,647 coins");
        Assert.Equal(before, await RowsAsync(api));

        // The branch still reads, reserves and orders.
        var level = (await api.JsonAsync("/api/stock?branch=MUM")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(1_000_000, level.GetProperty("onHand").GetInt32());
        var reserved = await api.PostJsonAsync("/api/reservations", """{"orderId":"RES-1","branch":"MUM","lines":[{"sku":"COIN-1","quantity":100000}]}""");
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var ordered = await api.PostJsonAsync("/api/orders", """{"id":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"COIN-1","quantity":2}]}""");
        Assert.Equal(HttpStatusCode.Created, ordered.StatusCode);
        var bill = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        Assert.Equal(HttpStatusCode.Created, bill.StatusCode);
        var taken = await api.PostJsonAsync("/api/stock/adjustments", """{"reference":"CNT-2","sku":"COIN-1","branch":"MUM","quantityDelta":-5}""");
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SameRateAgain_200StoredValue_OtherPrice409NamingPricePerGramWithStoredPrice(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/metal-rates", Rate)).StatusCode);

        var again = await api.PostJsonAsync("/api/metal-rates", Set(Rate, "pricePerGram", "6500.00"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(6500m, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("pricePerGram").GetDecimal());

        var other = await api.PostJsonAsync("/api/metal-rates", Set(Rate, "pricePerGram", "6600"));
        await FinanceApi.AssertProblemAsync(other, HttpStatusCode.Conflict, "pricePerGram", "another price for a recorded quote");
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("6500.00", problem.GetProperty("errors").GetProperty("pricePerGram")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(1, await api.CountAsync("metal_rates"));
        var current = (await api.JsonAsync("/api/metal-rates/current")).EnumerateArray().Single();
        Assert.Equal(6500m, current.GetProperty("pricePerGram").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SlashInIds_SkusReadBackRawAndEncoded_PaymentAndOrderIdsRefused(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.RateAsync();
        var created = await api.PostJsonAsync("/api/pieces", Set(Piece, "sku", "\"RNG/22K/0777\""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/stock-items", Set(Coin, "sku", "\"CN/999/10G\""))).StatusCode);

        foreach (var path in new[] { "/api/pieces/RNG/22K/0777", "/api/pieces/RNG%2F22K%2F0777", created.Headers.Location!.OriginalString })
        {
            Assert.Equal("RNG/22K/0777", (await api.JsonAsync(path)).GetProperty("sku").GetString());
        }

        foreach (var path in new[] { "/api/stock-items/CN/999/10G", "/api/stock-items/CN%2F999%2F10G" })
        {
            Assert.Equal("CN/999/10G", (await api.JsonAsync(path)).GetProperty("sku").GetString());
        }

        // A SKU with '/' orders and bills like any other.
        var order = await api.PostJsonAsync("/api/orders", """{"id":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"RNG/22K/0777"}]}""");
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var bill = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        Assert.Equal(HttpStatusCode.Created, bill.StatusCode);
        var number = (await bill.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString()!;

        // Payment and order ids are one URL segment: '/' is refused when they are created, so every stored one reads back.
        var before = await RowsAsync(api);
        var slashed = await api.PostJsonAsync("/api/payments", Set(Payment, "id", "\"PAY/1\"").Replace("{bill}", number, StringComparison.Ordinal));
        await FinanceApi.AssertProblemAsync(slashed, HttpStatusCode.BadRequest, "id", "a payment id with '/'");
        var slashedOrder = await api.PostJsonAsync("/api/orders", """{"id":"SO/2","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"CN/999/10G"}]}""");
        await FinanceApi.AssertProblemAsync(slashedOrder, HttpStatusCode.BadRequest, "id", "an order id with '/'");
        Assert.Equal(before, await RowsAsync(api));

        var paid = await api.PostJsonAsync("/api/payments", Set(Payment, "id", "\"PAY:1.a_b-c\"").Replace("{bill}", number, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("PAY:1.a_b-c", (await api.JsonAsync(paid.Headers.Location!.OriginalString)).GetProperty("id").GetString());
        Assert.Equal("SO-1", (await api.JsonAsync("/api/orders/SO-1")).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Order_NamesUnknownCustomer_400NamingCustomerId_KnownCustomerIsRecorded(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        await api.PieceAsync("RING-1");
        var before = await RowsAsync(api);
        var unknown = await api.PostJsonAsync("/api/orders", Set(Set(Order, "lines", """[{"sku":"RING-1"}]"""), "customerId", $"\"{Guid.NewGuid()}\""));
        await FinanceApi.AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "customerId", "an order for a customer the hub does not know");
        Assert.Equal(before, await RowsAsync(api));

        var customer = await hub.Client.PostAsJsonAsync("/api/customers", new { name = "Asha Rao", phone = "+919876543210" }, Ct);
        Assert.Equal(HttpStatusCode.Created, customer.StatusCode);
        var id = (await customer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var known = await api.PostJsonAsync("/api/orders", Set(Set(Order, "lines", """[{"sku":"RING-1"}]"""), "customerId", $"\"{id}\""));
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        Assert.Equal(id, (await api.JsonAsync("/api/orders/SO-B")).GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Bill_AboveTheLargestAmount_409NamingTheLineAndNoNumberTaken(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        var rate = Set(Set(Rate, "fineness", "999"), "pricePerGram", "1000000");
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/metal-rates", rate)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/stock-items", Set(Set(Coin, "sku", "\"BAR-100KG\""), "unitWeight", "100000"))).StatusCode);
        var receipt = await api.PostJsonAsync("/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM","items":[{"sku":"BAR-100KG","quantity":100000}]}""");
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        var order = await api.PostJsonAsync("/api/orders", """{"id":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"BAR-100KG","quantity":100000}]}""");
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var before = await RowsAsync(api);

        var bill = await hub.Client.PostAsync("/api/orders/SO-1/bill", null, Ct);
        await FinanceApi.AssertProblemAsync(bill, HttpStatusCode.Conflict, "lines[0].sku", "a bill of 10^16 rupees");
        Assert.Equal(before, await RowsAsync(api));
        Assert.Equal(0, await api.CountAsync("bill_series"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task OpenApi_DocumentsTheBounds(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var schemas = (await hub.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct)).GetProperty("components").GetProperty("schemas");

        JsonElement Property(string schema, string property) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);

        Assert.Equal(1_000_000_000m, Property("PaymentRequest", "amount").GetProperty("maximum").GetDecimal());
        Assert.Equal(64, Property("PaymentRequest", "id").GetProperty("maxLength").GetInt32());
        Assert.Equal("^[A-Za-z0-9_.:-]+$", Property("PaymentRequest", "id").GetProperty("pattern").GetString());
        Assert.Equal(1_000_000m, Property("MetalRateRequest", "pricePerGram").GetProperty("maximum").GetDecimal());
        Assert.Equal(100_000m, Property("PieceRequest", "grossWeight").GetProperty("maximum").GetDecimal());
        Assert.Equal(100m, Property("PieceRequest", "wastagePercent").GetProperty("maximum").GetDecimal());
        Assert.Equal(10_000m, Property("StoneRequest", "carats").GetProperty("maximum").GetDecimal());
        Assert.Equal(100_000, Property("ReservationLineRequest", "quantity").GetProperty("maximum").GetInt32());
        Assert.Equal(1, Property("ReservationLineRequest", "quantity").GetProperty("minimum").GetInt32());
        Assert.Equal(-100_000, Property("AdjustmentRequest", "quantityDelta").GetProperty("minimum").GetInt32());
        Assert.Equal(100_000, Property("OrderLineRequest", "quantity").GetProperty("maximum").GetInt32());
        Assert.Equal("^[A-Za-z0-9_./-]+$", Property("PieceRequest", "sku").GetProperty("pattern").GetString());
    }

    /// <summary>A stock item defined and received at MUM.</summary>
    private static async Task StockCoinAsync(FinanceApi api, string sku, int quantity)
    {
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/api/stock-items", Set(Coin, "sku", $"\"{sku}\""))).StatusCode);
        var receipt = await api.PostJsonAsync("/api/stock/receipts", $$"""{"reference":"GRN-1","branch":"MUM","items":[{"sku":"{{sku}}","quantity":{{quantity}}}]}""");
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
    }

    /// <summary>The JSON object with one property set to raw JSON.</summary>
    private static string Set(string json, string property, string raw)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[property] = JsonNode.Parse(raw);
        return node.ToJsonString();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static async Task<string> RowsAsync(FinanceApi api)
    {
        string[] tables =
        [
            "sales_orders", "sales_order_lines", "metal_rates", "bills", "bill_lines", "payments",
            "ledger_postings", "ledger_entries", "pieces", "stones", "stock_items",
            "stock_levels", "movements", "reservations", "low_stock_thresholds", "events",
        ];
        var counts = new List<string>();
        foreach (var table in tables)
        {
            counts.Add($"{table}={await api.CountAsync(table)}");
        }

        return string.Join(' ', counts);
    }
}
