using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Hub.IntegrationTests.Finance;
using JewelHub.Hub.IntegrationTests.Inventory;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>
/// The little valid data the sweep works against (a metal rate, pieces, a stock item, a customer, an order with a bill
/// and a payment), so path parameters can be real, and the valid bodies the sweep breaks one field at a time.
/// </summary>
internal sealed class SweepWorld
{
    private readonly Dictionary<string, JsonObject> _eventSamples = new(StringComparer.Ordinal);

    private SweepWorld(string customerId, string billNumber, string? definitionId, string? instanceId)
    {
        CustomerId = customerId;
        BillNumber = billNumber;
        DefinitionId = definitionId;
        InstanceId = instanceId;
    }

    public const string OrderId = "SW-ORD-1";
    public const string PaymentId = "SW-PAY-1";
    public const string PieceSku = "SW-RING-1";
    public const string CoinSku = "SW-COIN-1";

    public string CustomerId { get; }

    public string BillNumber { get; }

    public string? DefinitionId { get; }

    public string? InstanceId { get; }

    public static async Task<SweepWorld> SeedAsync(HubServer hub, CancellationToken cancellationToken)
    {
        var api = new FinanceApi(hub);
        await api.RateAsync();
        await api.PieceAsync("SW-RING-3");
        var bill = await api.BilledOrderAsync(OrderId, PieceSku);
        var billNumber = bill.GetProperty("number").GetString()!;
        Ok(await api.PostJsonAsync("/api/payments", $$"""{"id":"{{PaymentId}}","billNumber":"{{billNumber}}","amount":100,"currency":"INR","method":"cash"}"""));
        Ok(await api.PostJsonAsync("/api/stock-items", InventoryApi.Coin.Replace("COIN-10G", CoinSku, StringComparison.Ordinal)));
        Ok(await api.PostJsonAsync("/api/stock/receipts", $$"""{"branch":"MUM","reference":"GRN-1","items":[{"sku":"{{CoinSku}}","quantity":10}]}"""));
        var customer = await api.PostJsonAsync("/api/customers", Customer);
        Ok(customer);
        var customerId = (await customer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").ToString();
        var definitions = await hub.Client.GetFromJsonAsync<JsonElement>("/api/workflows/definitions", cancellationToken);
        var instances = await hub.Client.GetFromJsonAsync<JsonElement>("/api/workflows/instances", cancellationToken);
        var world = new SweepWorld(customerId, billNumber, FirstId(definitions, "definitionId"), FirstId(instances, "id"));
        foreach (var stored in (await hub.Client.GetFromJsonAsync<JsonElement>("/api/events?take=1000", cancellationToken)).EnumerateArray())
        {
            var body = JsonNode.Parse(stored.GetProperty("body").GetString()!)!;
            if (body["data"] is JsonObject data)
            {
                world._eventSamples.TryAdd(body["type"]!.GetValue<string>(), data);
            }
        }

        return world;
    }

    private const string Customer = """
        {"name":"Meera Iyer","phone":"+91 98765 43210","birthday":"1990-05-14","smsOptIn":true,
         "preferences":{"metal":"gold","ringSize":"14"},"references":[{"system":"pos","externalId":"C-00042"}]}
        """;

    /// <summary>A valid body for the operation, where the sweep knows one; else the body is built from the schema.</summary>
    public JsonNode? Baseline(ApiOperation operation) => (operation.Method + " " + operation.Path.TrimEnd('/')) switch
    {
        "POST /api/metal-rates" => JsonNode.Parse("""{"metal":"Gold","fineness":916,"pricePerGram":6500,"currency":"INR","source":"board","asOf":"2026-04-01T04:00:00Z"}"""),
        "POST /api/pieces" => JsonNode.Parse(InventoryApi.Ring.Replace("R-1", "SW-RING-9", StringComparison.Ordinal)),
        "POST /api/stock-items" => JsonNode.Parse(InventoryApi.Coin.Replace("COIN-10G", "SW-COIN-9", StringComparison.Ordinal)),
        "POST /api/stock/receipts" => JsonNode.Parse($$"""{"branch":"MUM","reference":"GRN-2","items":[{"sku":"{{CoinSku}}","quantity":1}]}"""),
        "POST /api/stock/adjustments" => JsonNode.Parse($$"""{"reference":"ADJ-1","branch":"MUM","sku":"{{CoinSku}}","quantityDelta":-1}"""),
        "PUT /api/stock/thresholds" => JsonNode.Parse($$"""{"branch":"MUM","category":"coins","minQuantity":2}"""),
        "POST /api/reservations" => JsonNode.Parse($$"""{"orderId":"SW-ORD-8","branch":"MUM","lines":[{"sku":"{{CoinSku}}","quantity":1}]}"""),
        "POST /api/orders" => JsonNode.Parse("""{"id":"SW-ORD-2","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"SW-RING-3","quantity":1}]}"""),
        "POST /api/payments" => JsonNode.Parse($$"""{"id":"SW-PAY-2","billNumber":"{{BillNumber}}","amount":100,"currency":"INR","method":"cash"}"""),
        "POST /api/customers" => JsonNode.Parse(Customer),
        "POST /api/events" => JsonNode.Parse("""{"specversion":"1.0","id":"sweep-1","source":"sweep","type":"customer.upserted","data":{}}"""),
        _ => null,
    };

    /// <summary>A real value for a path parameter, so the other parameter or the body is what the hub judges.</summary>
    public string RealValue(ApiOperation operation, string parameter)
    {
        var path = operation.Path;
        var parts = BillNumber.Split('/');
        return parameter switch
        {
            "series" => parts[0],
            "year" => parts[1],
            "sequence" => parts[2],
            "number" => BillNumber,
            "sku" when path.Contains("stock-items", StringComparison.Ordinal) => CoinSku,
            "sku" => PieceSku,
            "orderId" => OrderId,
            "definitionId" => DefinitionId ?? "sale-to-bill",
            _ when path.Contains("/customers/", StringComparison.Ordinal) => CustomerId,
            _ when path.Contains("/orders/", StringComparison.Ordinal) => OrderId,
            _ when path.Contains("/payments/", StringComparison.Ordinal) => PaymentId,
            _ when path.Contains("instances", StringComparison.Ordinal) => InstanceId ?? "no-instance",
            _ => "sweep",
        };
    }

    /// <summary>The form fields of a multipart operation besides its file.</summary>
    public static IReadOnlyDictionary<string, string> FormFields() =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["entity"] = "customers", ["map"] = "legacy-pos.customer.in" };

    /// <summary>The data of an event of the type the seeding published, to break one field at a time.</summary>
    public JsonObject? EventSample(string type) => _eventSamples.GetValueOrDefault(type);

    /// <summary>Values of another JSON type than <paramref name="value"/>.</summary>
    public static IEnumerable<(string What, JsonNode? Value)> WrongFor(JsonNode? value, Random random)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var wrong = new List<(string, JsonNode?)>();
        if (kind != JsonValueKind.String)
        {
            wrong.Add(("string", JsonValue.Create("abc")));
        }

        if (kind != JsonValueKind.Number)
        {
            wrong.Add(("number", JsonValue.Create(1e30)));
        }

        if (kind != JsonValueKind.Object)
        {
            wrong.Add(("object", new JsonObject { ["x"] = 1 }));
        }

        if (kind != JsonValueKind.Array)
        {
            wrong.Add(("array", new JsonArray(1, 2)));
        }

        if (kind is not JsonValueKind.True and not JsonValueKind.False)
        {
            wrong.Add(("boolean", JsonValue.Create(true)));
        }

        return wrong.OrderBy(_ => random.Next()).Take(2);
    }

    /// <summary>Extreme values of the same JSON type as <paramref name="value"/>: huge numbers, long and odd strings.</summary>
    public static IEnumerable<(string What, JsonNode? Value)> ExtremeFor(JsonNode? value, Random random)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        (string, JsonNode?)[] extremes = kind switch
        {
            JsonValueKind.Number => [("1e30", JsonNode.Parse("1e30")), ("2147483648", JsonValue.Create(2147483648L)), ("-1", JsonValue.Create(-1)), ("99999999999999999.99", JsonNode.Parse("99999999999999999.99"))],
            JsonValueKind.String => [("100 kB", JsonValue.Create(new string('x', 100_000))), ("RTL override", JsonValue.Create("\u202Eabc")), ("emoji", JsonValue.Create("💍")), ("a/b", JsonValue.Create("a/../b")), ("year 9999", JsonValue.Create("9999-12-31T23:59:59Z"))],
            _ => [],
        };
        return extremes.OrderBy(_ => random.Next()).Take(2);
    }

    /// <summary>After the sweep: the books balance and the next bill gets the next number of its series.</summary>
    public static async Task AssertBooksAsync(HubServer hub, Sweep sweep, CancellationToken cancellationToken)
    {
        var balance = await hub.Client.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance", cancellationToken);
        if (!balance.GetProperty("balanced").GetBoolean())
        {
            sweep.Fail("trial-balance", $"- [seed {sweep.Seed}] the trial balance no longer balances after the sweep: {balance}");
        }

        var api = new FinanceApi(hub);
        var bill = await api.BilledOrderAsync("SW-ORD-LAST", "SW-RING-LAST");
        var number = bill.GetProperty("number").GetString()!;
        var prefix = number[..number.LastIndexOf('/')];
        var database = hub.Database.Database;
        await using var connection = await database.OpenAsync(cancellationToken);
        var issued = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM bills WHERE number LIKE @Prefix", new { Prefix = prefix + "/%" }, cancellationToken: cancellationToken));
        var sequence = long.Parse(number[(number.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        if (sequence != issued)
        {
            sweep.Fail("bill-series", $"- [seed {sweep.Seed}] bill {number} is number {sequence} of its series but {issued} bills were issued: a number was consumed without a bill");
        }
    }

    private static string? FirstId(JsonElement list, string property)
    {
        var items = list.ValueKind == JsonValueKind.Array ? list : list.TryGetProperty("items", out var inner) ? inner : default;
        return items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0 && items[0].TryGetProperty(property, out var id) ? id.ToString() : null;
    }

    private static void Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"seeding failed: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
}
