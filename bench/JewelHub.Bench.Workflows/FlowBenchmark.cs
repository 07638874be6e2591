using System.Diagnostics;
using System.Net.Http.Json;
using Dapper;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JewelHub.Bench.Workflows;

/// <summary>
/// Measures complete sale → payment flows per second through a real hub running the shipped sale-to-bill workflow:
/// each flow is a sale.recorded for one tagged ring (upsert the customer, reserve, price, issue the bill, wait) and a
/// payment.captured for its order (sell the piece, record the payment, check the ledger, append the purchase history,
/// notify). In the same run and database it measures the raw rate of single-row durable commits for comparison.
/// </summary>
public static class FlowBenchmark
{
    /// <summary>The admin key of the hubs <see cref="StartHubAsync"/> starts.</summary>
    public const string AdminKey = "bench-admin-key-0123456789";

    /// <summary>
    /// Runs the benchmark. Sales go round-robin to <paramref name="branches"/> branches (MUM, then BR2, BR3, …); each branch
    /// bills from its own gap-free series, and one series issues one bill at a time.
    /// </summary>
    public static async Task<string> RunAsync(string provider, int flows, string? postgresAdmin, int branches, CancellationToken cancellationToken)
    {
        var (options, folder) = await CreateDatabaseAsync(provider, postgresAdmin, cancellationToken);
        var (app, client) = await StartHubAsync(options, cancellationToken);
        var database = app.Services.GetRequiredService<Database>();
        // The first flows are not timed: they bring the hub to its steady state (JIT tiers, connection pool, caches).
        var warmUp = Math.Min(200, Math.Max(20, flows / 5));
        await StockShopAsync(client, warmUp + flows, branches, cancellationToken);
        await FlowsAsync(client, database, 0, warmUp, branches, cancellationToken);
        var commits = await CommitRateAsync(database, TimeSpan.FromSeconds(3), cancellationToken);
        using var roundTrips = Environment.GetEnvironmentVariable("JEWELHUB_BENCH_ROUND_TRIPS") == "1" ? new RoundTripCounter() : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (elapsed, finished) = await FlowsAsync(client, database, warmUp, flows, branches, cancellationToken);
        var cpuPerFlow = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, finished);
        roundTrips?.Print(finished);
        client.Dispose();
        await app.StopAsync(cancellationToken);
        Directory.Delete(folder, recursive: true);
        return $"{provider}, {branches} branch(es): after {warmUp} untimed warm-up flows, {finished}/{flows} flows finished in {elapsed.TotalSeconds:F2} s = {finished / elapsed.TotalSeconds:F1} flows/s; " +
            $"raw single-row durable commits: {commits:F0}/s (one connection, one transaction each); " +
            $"CPU of this process (hub and clients) per flow: {cpuPerFlow:F1} ms";
    }

    /// <summary>Single-row durable commits per second on one pooled connection: BEGIN, one INSERT, COMMIT.</summary>
    public static async Task<double> CommitRateAsync(Database database, TimeSpan duration, CancellationToken cancellationToken)
    {
        const string Sql = "INSERT INTO workflow_effects (key, result, at) VALUES (@Key, NULL, @At)";
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await database.Dialect.BeginWriteAsync(connection, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(Sql,
                new { Key = $"bench-{count}", At = TimeProvider.System.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A hub on the database, listening on a loopback port, and a client with the admin key.</summary>
    public static async Task<(WebApplication App, HttpClient Client)> StartHubAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        var app = HubApp.Build(["--environment", "Production"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["ConnectionStrings:Hub"] = options.ConnectionString,
        }));
        await HubApp.PrepareAsync(app, cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return (app, client);
    }

    /// <summary>Today's 22K gold rate: Rs 6,500 a gram, as of a minute ago.</summary>
    internal static async Task GoldRateAsync(HttpClient client, CancellationToken cancellationToken) =>
        (await client.PostAsJsonAsync("/api/metal-rates", new
        {
            metal = "Gold",
            fineness = 916,
            pricePerGram = 6_500m,
            currency = "INR",
            source = "bench",
            asOf = TimeProvider.System.GetUtcNow().AddMinutes(-1),
        }, cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>Today's 22K gold rate and one 22K ring (10 g net, Rs 450/g making) per flow, tagged at the flow's branch.</summary>
    private static async Task StockShopAsync(HttpClient client, int flows, int branches, CancellationToken cancellationToken)
    {
        await GoldRateAsync(client, cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, flows), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, token) =>
            (await client.PostAsJsonAsync("/api/pieces", new
            {
                sku = Sku(i),
                category = "Ring",
                metal = "Gold",
                fineness = 916,
                grossWeight = 10.500m,
                netWeight = 10.000m,
                making = new { mode = "PerGram", value = 450m },
                branch = Branch(i, branches),
            }, token)).EnsureSuccessStatusCode());
    }

    /// <summary>Runs flows number <paramref name="first"/> to first + count - 1 and waits until they all finished.</summary>
    private static async Task<(TimeSpan Elapsed, long Finished)> FlowsAsync(HttpClient client, Database database, int first, int count, int branches, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var order = $"ORD-{i:D6}";
            (await client.PostAsJsonAsync("/api/events", new
            {
                specversion = "1.0",
                id = $"sale-{i}",
                source = "/bench/pos",
                type = "sale.recorded",
                subject = order,
                data = new
                {
                    orderId = order,
                    branch = Branch(i, branches),
                    placeOfSupply = "MH",
                    channel = "pos",
                    customer = new { name = $"Customer {i}", phone = $"+9198{i:D8}", references = new[] { new { system = "pos", externalId = $"C-{i}" } } },
                    lines = new[] { new { sku = Sku(i), quantity = 1 } },
                },
            }, token)).EnsureSuccessStatusCode();

            // 10 g × Rs 6,500 + 10 g × Rs 450 making = 69,500 taxable; 3% GST 2,085; total 71,585.
            (await client.PostAsJsonAsync("/api/events", new
            {
                specversion = "1.0",
                id = $"pay-{i}",
                source = "/bench/gateway",
                type = "payment.captured",
                subject = order,
                data = new { paymentId = $"pay-{i}", orderId = order, amount = "71585.00", currency = "INR", method = "upi", providerReference = $"rrn-{i}" },
            }, token)).EnsureSuccessStatusCode();
        });
        // The count is polled every 100 ms, on its own query, so that watching costs the database next to nothing.
        long finished = 0;
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var counts = await connection.QuerySingleAsync<(long Finished, long Faulted)>(new CommandDefinition(
                "SELECT COUNT(CASE WHEN definition_id = 'sale-to-bill' AND status = 'Finished' THEN 1 END), COUNT(CASE WHEN status = 'Faulted' THEN 1 END) FROM workflow_instances",
                cancellationToken: cancellationToken));
            finished = counts.Finished;
            if (counts.Faulted > 0)
            {
                throw new InvalidOperationException($"{counts.Faulted} flow(s) faulted; the benchmark only counts flows that finish.");
            }

            if (finished >= first + count)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var sold = await SoldAsync(database, cancellationToken);
        return sold == finished ? (watch.Elapsed, finished - first) : throw new InvalidOperationException($"{finished} flows finished but {sold} pieces are sold.");
    }

    private static async Task<long> SoldAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pieces WHERE status = 'Sold'", cancellationToken: cancellationToken));
    }

    private static string Sku(int i) => $"RG-{i:D6}";

    private static string Branch(int i, int branches) => i % branches == 0 ? "MUM" : $"BR{(i % branches) + 1}";

    /// <summary>A fresh database: a SQLite file in a new folder, or a new PostgreSQL database; the folder to delete after.</summary>
    public static async Task<(DatabaseOptions Options, string Folder)> CreateDatabaseAsync(string provider, string? postgresAdmin, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jewelhub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == "sqlite")
        {
            return (new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "hub.db")}" }, folder);
        }

        var name = "bench_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(postgresAdmin ?? throw new InvalidOperationException("PostgreSQL needs an admin connection string.")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name, MaxPoolSize = 100 };
        return (new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ToString() }, folder);
    }
}
