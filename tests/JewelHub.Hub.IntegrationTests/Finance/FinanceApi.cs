using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Finance;

/// <summary>Calls the hub's HTTP API the way a POS would, for the finance tests.</summary>
internal sealed class FinanceApi(HubServer hub)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client => hub.Client;

    /// <summary>Tags a 22K916 ring, 10.000 g net, Rs 450/g making, at branch MUM.</summary>
    public async Task PieceAsync(string sku)
    {
        var response = await Client.PostAsJsonAsync("/api/pieces", new
        {
            sku,
            category = "Ring",
            metal = "Gold",
            fineness = 916,
            grossWeight = 10.500m,
            netWeight = 10.000m,
            making = new { mode = "PerGram", value = 450m },
            branch = "MUM",
        }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Gold 916 at Rs 6,500.00 per gram.</summary>
    public async Task RateAsync(decimal pricePerGram = 6_500m)
    {
        var response = await Client.PostAsJsonAsync("/api/metal-rates", new
        {
            metal = "Gold",
            fineness = 916,
            pricePerGram,
            currency = "INR",
            source = "board",
            asOf = new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public Task<HttpResponseMessage> OrderAsync(string id, string placeOfSupply, params string[] skus) =>
        Client.PostAsJsonAsync("/api/orders", new
        {
            id,
            branch = "MUM",
            placeOfSupply,
            lines = skus.Select(sku => new { sku, quantity = 1 }),
        }, Ct);

    /// <summary>A piece, a rate and an order for it, billed; returns the bill.</summary>
    public async Task<JsonElement> BilledOrderAsync(string orderId, string sku, string placeOfSupply = "MH")
    {
        await PieceAsync(sku);
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(orderId, placeOfSupply, sku)).StatusCode);
        var bill = await Client.PostAsync($"/api/orders/{orderId}/bill", null, Ct);
        Assert.Equal(HttpStatusCode.Created, bill.StatusCode);
        return await bill.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The events of <paramref name="type"/> in the hub's log, oldest first.</summary>
    public async Task<List<JsonElement>> EventsAsync(string type) =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/events?take=1000", Ct)).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type).ToList();

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public async Task<JsonElement> JsonAsync(string path)
    {
        var response = await Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    /// <summary>Asserts a problem answer with the status and an error for the field.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string because)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{because}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{because}: expected an error for '{field}' in {body}");
    }
}
