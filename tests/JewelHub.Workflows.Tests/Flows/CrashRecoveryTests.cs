using System.Net.Http.Json;
using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

public sealed class CrashRecoveryTests
{
    private const int Sales = 50;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_HubKilledAtRandomMoments_EveryFlowCompletesExactlyOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync(provider, ct);
        var settings = new Dictionary<string, string?>(Settings(ShopFlows.ShippedFolder()))
        {
            ["Auth:BootstrapAdminKey"] = HubServer.AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in database.HubSettings)
        {
            settings[key] = value;
        }

        await using var hub = new HubProcess(HubDll(), settings);
        await hub.StartAsync(ct);
        await PostAsync(hub, "/api/metal-rates", new { metal = "Gold", fineness = 916, pricePerGram = 6_500m, currency = "INR", source = "board", asOf = "2026-04-01T04:00:00Z" }, ct);
        for (var i = 0; i < Sales; i++)
        {
            await PostAsync(hub, "/api/pieces", new
            {
                sku = $"RING-{i:00}",
                category = "Ring",
                metal = "Gold",
                fineness = 916,
                grossWeight = 10.500m,
                netWeight = 10.000m,
                making = new { mode = "PerGram", value = 450m },
                branch = "MUM",
            }, ct);
        }

        var random = new Random(20261121);
        using var posting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poster = Task.Run(() => PostSalesAndPaymentsAsync(hub, random.Next(), posting.Token), ct);
        for (var kill = 0; kill < 8; kill++)
        {
            await Task.Delay(random.Next(200, 2500), ct);
            hub.Kill();
            await hub.StartAsync(ct);
        }

        await poster;
        await WaitAllFinishedAsync(hub, ct);
        await AssertBooksAsync(database, ct);
    }

    private static async Task PostSalesAndPaymentsAsync(HubProcess hub, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        for (var i = 0; i < Sales; i++)
        {
            var orderId = $"SO-{i:00}";
            await PostAsync(hub, "/api/events", Event($"sale-{i}", "sale.recorded", orderId, new
            {
                orderId,
                branch = "MUM",
                placeOfSupply = "MH",
                customer = new { name = $"Customer {i}", phone = $"+9198765432{i:00}" },
                lines = new[] { new { sku = $"RING-{i:00}", quantity = 1 } },
            }), cancellationToken);
            await Task.Delay(random.Next(0, 150), cancellationToken);
            await PostAsync(hub, "/api/events", Event($"pay-{i}", "payment.captured", orderId, new
            {
                paymentId = $"PAY-{i:00}",
                orderId,
                amount = "71585.00",
                currency = "INR",
                method = "upi",
                providerReference = $"rrn-{i}",
            }), cancellationToken);
        }
    }

    private static object Event(string id, string type, string subject, object data) => new { specversion = "1.0", id, source = "/pos", type, subject, data };

    /// <summary>Posts until the hub accepts: a killed hub refuses connections, and posting again is safe (idempotent).</summary>
    private static async Task PostAsync(HubProcess hub, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await hub.Client.PostAsJsonAsync(path, body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                Assert.True((int)response.StatusCode >= 500 && attempt < 200, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested && attempt < 200)
            {
                // The hub is down or restarting.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task WaitAllFinishedAsync(HubProcess hub, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var instances = (await hub.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/workflows/instances?definitionId=sale-to-bill&take=1000", cancellationToken))!;
            if (instances.Count == Sales && instances.All(i => Text(i!["status"]) == "Finished"))
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"Not all flows finished: {string.Join(", ", instances.GroupBy(i => Text(i!["status"])).Select(g => $"{g.Key}={g.Count()}"))} of {instances.Count}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task AssertBooksAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        var db = database.Database;
        await using var connection = await db.OpenAsync(cancellationToken);
        async Task<List<T>> Query<T>(string sql) => (await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();

        Assert.Equal(Enumerable.Range(1, Sales).Select(n => (long)n), await Query<long>("SELECT sequence FROM bills ORDER BY sequence"));
        Assert.Equal(["Paid"], await Query<string>("SELECT DISTINCT status FROM bills"));
        Assert.Equal(Sales, (await Query<string>("SELECT DISTINCT order_id FROM bills")).Count);
        Assert.Equal([(long)Sales], await Query<long>("SELECT count(*) FROM pieces WHERE status = 'Sold'"));
        Assert.Empty(await Query<string>("SELECT sku FROM movements WHERE reason = 'Sale' GROUP BY sku HAVING count(*) > 1"));
        Assert.Equal([(long)Sales], await Query<long>("SELECT count(*) FROM payments"));
        var sums = await Query<(long Debit, long Credit)>("SELECT sum(debit_minor), sum(credit_minor) FROM ledger_entries");
        Assert.Equal(sums[0].Debit, sums[0].Credit);
        Assert.Equal(2L * Sales * 7_158_500, sums[0].Debit);
        Assert.Equal([(long)Sales], await Query<long>("SELECT count(DISTINCT bill_number) FROM purchases"));
        Assert.Equal([(long)Sales], await Query<long>("SELECT count(*) FROM purchases"));
    }

    private static string HubDll()
    {
        var root = Directory.GetParent(ShopFlows.ShippedFolder())!.FullName;
        var built = Path.Combine(root, "src", "Hub", "JewelHub.Hub", "bin", "Release", "net10.0", "jewelhub.dll");
        return File.Exists(built) ? built : Path.Combine(AppContext.BaseDirectory, "jewelhub.dll");
    }
}
