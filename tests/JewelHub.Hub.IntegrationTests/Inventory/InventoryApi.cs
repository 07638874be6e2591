using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Inventory;

/// <summary>Bodies and calls shared by the inventory API tests.</summary>
internal static class InventoryApi
{
    public const string Ring = """
        {"sku":"R-1","category":"rings","metal":"Gold","fineness":916,"grossWeight":5.25,"netWeight":4.98,
         "making":{"mode":"PerGram","value":450.00},"wastagePercent":2.5,"otherCharges":45,"huid":"AB12CD","branch":"MUM",
         "stones":[{"type":"diamond","shape":"round","count":6,"carats":0.35,"lab":"IGI","reportNumber":"LG123","labGrown":true,"value":12500}]}
        """;

    public const string Coin = """
        {"sku":"COIN-10G","category":"coins","metal":"Gold","fineness":999,"unitWeight":10,"making":{"mode":"Flat","value":250}}
        """;

    /// <summary>The JSON with one change applied, e.g. <c>Change(Ring, o => o["fineness"] = 917)</c>.</summary>
    public static string Change(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    public static async Task<HttpResponseMessage> SendAsync(this HubServer hub, string method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await hub.Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Asserts a problem answer with the status that names the field.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(NamesField(text, field), $"expected an error for '{field}' in {text}");
    }

    public static bool NamesField(string problem, string field) =>
        JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

    /// <summary>Every row in every inventory table, as table:count.</summary>
    public static async Task<string> RowsAsync(HubServer hub)
    {
        var database = hub.Database.Database;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var counts = new List<string>();
        foreach (var table in new[] { "pieces", "stones", "stock_items", "stock_levels", "movements", "reservations", "low_stock_thresholds" })
        {
            counts.Add($"{table}:{await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}")}");
        }

        return string.Join(' ', counts);
    }
}
