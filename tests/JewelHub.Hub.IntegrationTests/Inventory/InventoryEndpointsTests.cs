using System.Net;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Inventory.InventoryApi;

namespace JewelHub.Hub.IntegrationTests.Inventory;

public sealed class InventoryEndpointsTests
{
    private const string Empty = "pieces:0 stones:0 stock_items:0 stock_levels:0 movements:0 reservations:0 low_stock_thresholds:0";

    private static readonly string Receipt = """{"reference":"GRN-1","branch":"MUM","pieces":[""" + Ring + "]}";
    private static readonly string Reservation = """{"orderId":"SO-1","branch":"MUM","lines":[{"sku":"R-1"}],"holdMinutes":30}""";

    private static readonly (string Method, string Path, string? Body, string Field)[] BadRequests =
    [
        ("POST", "/api/pieces", Change(Ring, o => o.Remove("sku")), "sku"),
        ("POST", "/api/pieces", Change(Ring, o => o["netWeight"] = 5.251m), "netWeight"),
        ("POST", "/api/pieces", Change(Ring, o => o["fineness"] = 917), "fineness"),
        ("POST", "/api/pieces", Change(Ring, o => o["fineness"] = "916"), "fineness"),
        ("POST", "/api/pieces", Change(Ring, o => o["huid"] = "AB12"), "huid"),
        ("POST", "/api/pieces", Change(Ring, o => o["huid"] = "AB-12C"), "huid"),
        ("POST", "/api/pieces", Change(Ring, o => o["grossWeight"] = -1), "grossWeight"),
        ("POST", "/api/pieces", Change(Ring, o => o["netWeight"] = 1.2345m), "netWeight"),
        ("POST", "/api/pieces", Change(Ring, o => o["metal"] = "Brass"), "metal"),
        ("POST", "/api/pieces", Change(Ring, o => o.Remove("making")), "making"),
        ("POST", "/api/pieces", Change(Ring, o => o["making"] = new JsonObject { ["value"] = 10 }), "making.mode"),
        ("POST", "/api/pieces", Change(Ring, o => o.Remove("branch")), "branch"),
        ("POST", "/api/pieces", Change(Ring, o => o["stones"]![0]!["carats"] = -0.1m), "stones[0].carats"),
        ("POST", "/api/pieces", """{"sku":"R-1","category":"rings",""", "body"),
        ("POST", "/api/pieces", "null", "body"),
        ("POST", "/api/stock-items", Change(Coin, o => o["unitWeight"] = -10), "unitWeight"),
        ("POST", "/api/stock-items", Change(Coin, o => { o["metal"] = "Silver"; o["fineness"] = 916; }), "fineness"),
        ("POST", "/api/stock-items", Change(Coin, o => o.Remove("category")), "category"),
        ("POST", "/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM"}""", "pieces"),
        ("POST", "/api/stock/receipts", Change(Receipt, o => o.Remove("reference")), "reference"),
        ("POST", "/api/stock/receipts", Change(Receipt, o => o["pieces"]![0]!["netWeight"] = 6), "pieces[0].netWeight"),
        ("POST", "/api/stock/receipts", Change(Receipt, o => o["pieces"]![0]!["huid"] = "12345"), "pieces[0].huid"),
        ("POST", "/api/stock/receipts", Change(Receipt, o => o["pieces"]!.AsArray().Add(JsonNode.Parse(Change(Ring, r => r["sku"] = "R-2")))), "pieces[1].huid"),
        ("POST", "/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM","items":[{"sku":"COIN-10G","quantity":0}]}""", "items[0].quantity"),
        ("POST", "/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM","items":[{"sku":"COIN-10G","quantity":3}]}""", "items[0].sku"),
        ("POST", "/api/stock/adjustments", """{"sku":"COIN-10G","branch":"MUM","quantityDelta":-1}""", "reference"),
        ("POST", "/api/stock/adjustments", """{"reference":"C-1","sku":"R-1","branch":"MUM","quantityDelta":-1,"weightDelta":0.1}""", "weightDelta"),
        ("POST", "/api/stock/adjustments", """{"reference":"C-1","sku":"R-1","branch":"MUM","weightDelta":0.0001}""", "weightDelta"),
        ("POST", "/api/stock/adjustments", """{"reference":"C-1","sku":"R-404","branch":"MUM","quantityDelta":1}""", "sku"),
        ("PUT", "/api/stock/thresholds", """{"category":"rings","branch":"MUM","minQuantity":-1}""", "minQuantity"),
        ("PUT", "/api/stock/thresholds", """{"branch":"MUM","minQuantity":2}""", "category"),
        ("GET", "/api/stock", null, "branch"),
        ("GET", "/api/stock/low?branch=", null, "branch"),
        ("POST", "/api/reservations", Change(Reservation, o => o["lines"] = new JsonArray()), "lines"),
        ("POST", "/api/reservations", Change(Reservation, o => o["lines"]![0]!.AsObject().Remove("sku")), "lines[0].sku"),
        ("POST", "/api/reservations", Change(Reservation, o => o["lines"]![0]!["quantity"] = 0), "lines[0].quantity"),
        ("POST", "/api/reservations", Change(Reservation, o => o["holdMinutes"] = 0), "holdMinutes"),
        ("POST", "/api/reservations", Change(Reservation, o => o.Remove("orderId")), "orderId"),
        ("POST", "/api/reservations", """{"orderId":"SO-1","branch":"MUM","lines":[{"sku":"R-1"}""", "lines[1]"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BadInput_EveryEndpoint_ProblemNamesFieldAndWritesNothing(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var failures = new List<string>();

        foreach (var (method, path, body, field) in BadRequests)
        {
            using var response = await hub.SendAsync(method, path, body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !NamesField(text, field))
            {
                failures.Add($"{method} {path} {body} -> expected 400 naming '{field}', got {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(Empty, await RowsAsync(hub));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PostPiece_HuidOrSkuTaken_ProblemNamesFieldAndWritesNothing(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        (await hub.SendAsync("POST", "/api/pieces", Ring, Ct)).EnsureSuccessStatusCode();
        var before = await RowsAsync(hub);

        var sameHuid = await hub.SendAsync("POST", "/api/pieces", Change(Ring, o => o["sku"] = "R-2"), Ct);
        var sameSku = await hub.SendAsync("POST", "/api/pieces", Change(Ring, o => o["huid"] = "zz99zz"), Ct);
        var receiptHuid = await hub.SendAsync("POST", "/api/stock/receipts", Change(Receipt, o => o["pieces"]![0]!["sku"] = "R-3"), Ct);

        await AssertProblemAsync(sameHuid, HttpStatusCode.BadRequest, "huid", Ct);
        await AssertProblemAsync(sameSku, HttpStatusCode.Conflict, "sku", Ct);
        await AssertProblemAsync(receiptHuid, HttpStatusCode.BadRequest, "pieces[0].huid", Ct);
        Assert.Equal(before, await RowsAsync(hub));
    }
}
