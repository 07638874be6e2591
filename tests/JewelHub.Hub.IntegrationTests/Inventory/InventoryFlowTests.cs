using System.Net;
using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Inventory.InventoryApi;

namespace JewelHub.Hub.IntegrationTests.Inventory;

public sealed class InventoryFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PiecesAndItems_CreateReceiveAndRead_ShowInBranchStock(DatabaseProvider provider)
    {
        // Arrange
        await using var hub = await HubServer.StartAsync(provider, Ct);

        // Act
        var piece = await hub.SendAsync("POST", "/api/pieces", Ring, Ct);
        var item = await hub.SendAsync("POST", "/api/stock-items", Coin, Ct);
        var receipt = """{"reference":"GRN-1","branch":"MUM","pieces":[""" + Change(Ring, o => { o["sku"] = "R-2"; o["huid"] = "XY34ZW"; o.Remove("branch"); })
            + """],"items":[{"sku":"COIN-10G","quantity":5}]}""";
        var received = await hub.SendAsync("POST", "/api/stock/receipts", receipt, Ct);
        var again = await hub.SendAsync("POST", "/api/stock/receipts", receipt, Ct);
        var read = await (await hub.SendAsync("GET", "/api/pieces/R-1", null, Ct)).JsonAsync(Ct);
        var missing = await hub.SendAsync("GET", "/api/pieces/R-404", null, Ct);
        var stock = await (await hub.SendAsync("GET", "/api/stock?branch=MUM", null, Ct)).JsonAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, piece.StatusCode);
        Assert.Equal(HttpStatusCode.Created, item.StatusCode);
        Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("22K916", 5.25m, 4.98m, "AB12CD", "Available"), (read.GetProperty("hallmark").GetString(), read.GetProperty("grossWeight").GetDecimal(),
            read.GetProperty("netWeight").GetDecimal(), read.GetProperty("huid").GetString(), read.GetProperty("status").GetString()));
        Assert.Equal(0.35m, read.GetProperty("stones")[0].GetProperty("carats").GetDecimal());
        Assert.Equal(["R-1", "R-2"], stock.GetProperty("pieces").EnumerateArray().Select(p => p.GetProperty("sku").GetString()));
        var coins = stock.GetProperty("items")[0];
        Assert.Equal((5, 5, 50m), (coins.GetProperty("onHand").GetInt32(), coins.GetProperty("available").GetInt32(), coins.GetProperty("weight").GetDecimal()));
        Assert.Equal("pieces:2 stones:2 stock_items:1 stock_levels:1 movements:3 reservations:0 low_stock_thresholds:0", await RowsAsync(hub));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reservations_ReserveConflictCommitRelease_AnswerAsDocumented(DatabaseProvider provider)
    {
        // Arrange
        await using var hub = await HubServer.StartAsync(provider, Ct);
        (await hub.SendAsync("POST", "/api/pieces", Ring, Ct)).EnsureSuccessStatusCode();
        (await hub.SendAsync("POST", "/api/stock-items", Coin, Ct)).EnsureSuccessStatusCode();
        (await hub.SendAsync("POST", "/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM","items":[{"sku":"COIN-10G","quantity":2}]}""", Ct)).EnsureSuccessStatusCode();
        const string order = """{"orderId":"SO-1","branch":"MUM","lines":[{"sku":"R-1"},{"sku":"COIN-10G","quantity":2}],"holdMinutes":30}""";

        // Act
        var reserved = await hub.SendAsync("POST", "/api/reservations", order, Ct);
        var repeat = await hub.SendAsync("POST", "/api/reservations", order, Ct);
        var other = await hub.SendAsync("POST", "/api/reservations", """{"orderId":"SO-2","branch":"MUM","lines":[{"sku":"COIN-10G"},{"sku":"R-1"}]}""", Ct);
        var held = await hub.SendAsync("GET", "/api/reservations/SO-1", null, Ct);
        var committed = await hub.SendAsync("POST", "/api/reservations/SO-1/commit", null, Ct);
        var recommitted = await hub.SendAsync("POST", "/api/reservations/SO-1/commit", null, Ct);
        var released = await (await hub.SendAsync("DELETE", "/api/reservations/SO-1", null, Ct)).JsonAsync(Ct);
        var nothing = await hub.SendAsync("POST", "/api/reservations/SO-9/commit", null, Ct);
        var piece = await (await hub.SendAsync("GET", "/api/pieces/R-1", null, Ct)).JsonAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        await AssertProblemAsync(other, HttpStatusCode.Conflict, "lines[0].sku", Ct);
        await AssertProblemAsync(other, HttpStatusCode.Conflict, "lines[1].sku", Ct);
        Assert.Equal(2, (await held.JsonAsync(Ct)).GetProperty("lines").GetArrayLength());
        Assert.Equal("Committed", (await committed.JsonAsync(Ct)).GetProperty("outcome").GetString());
        Assert.Equal("AlreadyCommitted", (await recommitted.JsonAsync(Ct)).GetProperty("outcome").GetString());
        Assert.Equal(0, released.GetProperty("released").GetInt32());
        await AssertProblemAsync(nothing, HttpStatusCode.Conflict, "orderId", Ct);
        Assert.Equal("Sold", piece.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AdjustmentsAndThresholds_Applied_LowStockReported(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        (await hub.SendAsync("POST", "/api/pieces", Ring, Ct)).EnsureSuccessStatusCode();
        (await hub.SendAsync("POST", "/api/stock-items", Coin, Ct)).EnsureSuccessStatusCode();
        (await hub.SendAsync("POST", "/api/stock/receipts", """{"reference":"GRN-1","branch":"MUM","items":[{"sku":"COIN-10G","quantity":3}]}""", Ct)).EnsureSuccessStatusCode();
        var noRate = await hub.SendAsync("POST", "/api/stock/adjustments", """{"reference":"C-0","sku":"COIN-10G","branch":"MUM","quantityDelta":-1}""", Ct);
        foreach (var fineness in new[] { 999, 916 })
        {
            (await hub.SendAsync("POST", "/api/metal-rates", $$"""{"metal":"Gold","fineness":{{fineness}},"pricePerGram":7000,"currency":"INR","source":"board","asOf":"2026-01-01T04:30:00Z"}""", Ct)).EnsureSuccessStatusCode();
        }

        const string count = """{"reference":"COUNT-1","sku":"COIN-10G","branch":"MUM","quantityDelta":-1}""";

        var adjusted = await hub.SendAsync("POST", "/api/stock/adjustments", count, Ct);
        var repeat = await hub.SendAsync("POST", "/api/stock/adjustments", count, Ct);
        var reweighed = await hub.SendAsync("POST", "/api/stock/adjustments", """{"reference":"W-1","sku":"R-1","branch":"MUM","weightDelta":-0.015}""", Ct);
        var tooMuch = await hub.SendAsync("POST", "/api/stock/adjustments", """{"reference":"C-2","sku":"COIN-10G","branch":"MUM","quantityDelta":-3}""", Ct);
        var threshold = await hub.SendAsync("PUT", "/api/stock/thresholds", """{"category":"coins","branch":"MUM","minQuantity":3}""", Ct);
        var low = await (await hub.SendAsync("GET", "/api/stock/low?branch=MUM", null, Ct)).JsonAsync(Ct);

        await AssertProblemAsync(noRate, HttpStatusCode.Conflict, "sku", Ct);
        Assert.Equal(HttpStatusCode.Created, adjusted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(-10m, (await repeat.JsonAsync(Ct)).GetProperty("weightDelta").GetDecimal());
        Assert.Equal(-0.015m, (await reweighed.JsonAsync(Ct)).GetProperty("weightDelta").GetDecimal());
        await AssertProblemAsync(tooMuch, HttpStatusCode.Conflict, "quantityDelta", Ct);
        Assert.Equal(HttpStatusCode.OK, threshold.StatusCode);
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ledger_postings WHERE reference IN ('stock-adjustment:COUNT-1:COIN-10G:MUM', 'stock-adjustment:W-1:R-1:MUM')"));
        Assert.Equal(("coins", 2L), (low[0].GetProperty("category").GetString(), low[0].GetProperty("available").GetInt64()));
    }
}
