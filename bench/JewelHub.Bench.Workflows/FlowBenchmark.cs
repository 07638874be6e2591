using System.Diagnostics;
using System.Net.Http.Json;
using Dapper;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JewelHub.Bench.Workflows;

/// <summary>
/// Measures complete sale → payment flows per second through a real hub (HTTP events in, trigger, bookmark, resume,
/// finish), and, in the same run and database, the raw rate of single-row durable commits for comparison.
/// </summary>
public static class FlowBenchmark
{
    private const string AdminKey = "bench-admin-key-0123456789";

    public static async Task<string> RunAsync(string provider, int flows, string? postgresAdmin, CancellationToken cancellationToken)
    {
        var (options, folder) = await CreateDatabaseAsync(provider, postgresAdmin, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "bench-sale-payment.json"), BenchFlow.Json, cancellationToken);
        var app = HubApp.Build(["--environment", "Production"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["ConnectionStrings:Hub"] = options.ConnectionString,
            ["Workflows:Folder"] = folder,
            ["Workflows:EventPollInterval"] = "00:00:00.005",
            ["Workflows:MaxConcurrentRuns"] = "16",
        }));
        await HubApp.PrepareAsync(app, cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var database = app.Services.GetRequiredService<Database>();

        var commits = await CommitRateAsync(database, TimeSpan.FromSeconds(3), cancellationToken);
        var (elapsed, finished) = await FlowsAsync(new Uri(address), database, flows, cancellationToken);
        await app.StopAsync(cancellationToken);
        return $"{provider}: {finished}/{flows} flows finished in {elapsed.TotalSeconds:F2} s = {finished / elapsed.TotalSeconds:F1} flows/s; " +
            $"raw single-row durable commits: {commits:F0}/s (one connection, one transaction each)";
    }

    private static async Task<double> CommitRateAsync(Database database, TimeSpan duration, CancellationToken cancellationToken)
    {
        const string Sql = "INSERT INTO hub.workflow_effects (key, result, at) VALUES (@Key, NULL, @At)";
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await database.Dialect.BeginWriteAsync(connection, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(database.Sql(Sql),
                new { Key = $"bench-{count}", At = TimeProvider.System.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(TimeSpan Elapsed, long Finished)> FlowsAsync(Uri address, Database database, int flows, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, flows), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var order = $"ORD-{i:D6}";
            (await client.PostAsJsonAsync("/api/events", new { specversion = "1.0", id = $"sale-{i}", source = "/bench", type = "sale.recorded", subject = order }, token)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/events", new { specversion = "1.0", id = $"pay-{i}", source = "/bench", type = "payment.captured", subject = order, data = new { amount = 100 } }, token)).EnsureSuccessStatusCode();
        });
        long finished = 0;
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            finished = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Sql(
                "SELECT COUNT(*) FROM hub.workflow_instances WHERE status = 'Finished'"), cancellationToken: cancellationToken));
            if (finished >= flows)
            {
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        return (watch.Elapsed, finished);
    }

    private static async Task<(DatabaseOptions Options, string Folder)> CreateDatabaseAsync(string provider, string? postgresAdmin, CancellationToken cancellationToken)
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
