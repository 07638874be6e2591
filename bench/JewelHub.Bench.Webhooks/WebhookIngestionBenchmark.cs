using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using JewelHub.Bench.Workflows;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JewelHub.Bench.Webhooks;

/// <summary>
/// Measures <c>POST /webhooks/razorpay</c> of a real hub on a loopback port with wrk, next to the no-work endpoint
/// <c>GET /health/live</c> in the same run: requests/s and latency percentiles at each number of connections. Every
/// request is a delivery of its own, signed with the connector's secret ahead of the run. After every run it checks the
/// inbox: every delivery answered 200 is stored, and nothing is stored that was not sent.
/// </summary>
public static class WebhookIngestionBenchmark
{
    private const string Secret = "rzp_bench_secret";

    // Deliveries written per wrk thread and second of a run; a thread that runs out says so in the results.
    private const int DeliveriesPerThreadSecond = 12_000;

    private const int WarmUpSeconds = 2;

    // A captured UPI payment as Razorpay sends it, trimmed to the fields the map reads and a few it does not.
    private const string Template = """
        {"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_ID","amount":AMOUNT,"currency":"INR","status":"captured","method":"upi","notes":{"order_id":"SO-ID"}}}}}
        """;

    /// <summary>Runs the benchmark and writes one line per timed run.</summary>
    public static async Task RunAsync(string provider, int seconds, IReadOnlyList<int> connections, string? postgresAdmin, CancellationToken cancellationToken)
    {
        var (options, folder) = await FlowBenchmark.CreateDatabaseAsync(provider, postgresAdmin, cancellationToken);
        var app = HubApp.Build(["--environment", "Production"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Auth:BootstrapAdminKey"] = FlowBenchmark.AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["ConnectionStrings:Hub"] = options.ConnectionString,
            ["Connectors:razorpay:Enabled"] = "true",
            ["Connectors:razorpay:Secrets:0:Value"] = Secret,
        }));
        try
        {
            await HubApp.PrepareAsync(app, cancellationToken);
            await app.StartAsync(cancellationToken);
            var hub = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            var database = app.Services.GetRequiredService<Database>();
            Console.WriteLine($"{provider}: load average at start {LoadAverage()}");
            foreach (var count in connections)
            {
                await RunWrkAsync(hub, null, count, WarmUpSeconds, cancellationToken);
                await RunWrkAsync(hub, await SignAsync(folder, $"warm{count}", WarmUpSeconds, cancellationToken), count, WarmUpSeconds, cancellationToken);
                var noWork = await RunWrkAsync(hub, null, count, seconds, cancellationToken);
                var label = $"run{count}";
                var ingest = await RunWrkAsync(hub, await SignAsync(folder, label, seconds, cancellationToken), count, seconds, cancellationToken);
                var stored = await StoredAsync(database, label, cancellationToken);
                var answered = ingest.Responses - ingest.Refused;
                if (stored < answered || stored > ingest.Written || ingest.Refused > 0 || ingest.RanOut)
                {
                    throw new InvalidOperationException(
                        $"Run {label}: {ingest.Written} sent, {answered} answered 200, {ingest.Refused} answered otherwise, {stored} stored; ran out of deliveries: {ingest.RanOut}.");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{provider}, {count} connections, {seconds} s: no-work GET /health/live {noWork.RequestsPerSecond:F0} requests/s, " +
                    $"p50 {noWork.LatencyMs[50]:F1} ms, p99 {noWork.LatencyMs[99]:F1} ms | signed webhook {ingest.RequestsPerSecond:F0} requests/s " +
                    $"({ingest.RequestsPerSecond / noWork.RequestsPerSecond:P0} of no-work), p50 {ingest.LatencyMs[50]:F1} ms, p99 {ingest.LatencyMs[99]:F1} ms " +
                    $"(p90 {ingest.LatencyMs[90]:F1}, p99.9 {ingest.LatencyMs[99.9]:F1}, max {ingest.LatencyMs[100]:F1}); " +
                    $"stored once: {stored} rows for {answered} answered 200 of {ingest.Written} sent, socket errors {ingest.SocketErrors}; load {LoadAverage()}"));
            }
        }
        finally
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
            await DropAsync(options, postgresAdmin);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes one file of signed Razorpay deliveries per wrk thread; returns the files' common path.</summary>
    private static async Task<string> SignAsync(string folder, string label, int seconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, $"deliveries-{label}");
        var key = Encoding.UTF8.GetBytes(Secret);
        for (var thread = 1; thread <= WrkThreads; thread++)
        {
            await using var file = new StreamWriter(path + "." + thread.ToString(CultureInfo.InvariantCulture));
            for (var n = 0; n < DeliveriesPerThreadSecond * seconds; n++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{label}-{thread}-{n}");
                var body = Template.Replace("ID", id, StringComparison.Ordinal)
                    .Replace("AMOUNT", (4_120_000 + n).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));
                await file.WriteLineAsync($"{signature} evt_{id} {body}".AsMemory(), cancellationToken);
            }
        }

        return path;
    }

    private const int WrkThreads = 2;

    private static async Task<WrkResult> RunWrkAsync(Uri hub, string? deliveries, int connections, int seconds, CancellationToken cancellationToken)
    {
        var results = Path.Combine(Path.GetTempPath(), $"jewelhub-bench-webhooks-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-t", WrkThreads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s",
            "--timeout", "10s", "-s", Path.Combine(AppContext.BaseDirectory, "webhooks.lua"), hub.ToString(), "--", deliveries ?? "-", results,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(results))
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        try
        {
            return WrkResult.Parse(await File.ReadAllLinesAsync(results, cancellationToken));
        }
        finally
        {
            File.Delete(results);
            for (var thread = 1; deliveries is not null && thread <= WrkThreads; thread++)
            {
                File.Delete(deliveries + "." + thread.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static async Task<long> StoredAsync(Database database, string label, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_inbox WHERE connector = 'razorpay' AND delivery_id LIKE @Prefix",
            new { Prefix = $"evt_{label}-%" }, cancellationToken: cancellationToken));
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static async Task DropAsync(DatabaseOptions options, string? postgresAdmin)
    {
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(postgresAdmin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(options.ConnectionString).Database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>What wrk measured in one run, and what the script counted.</summary>
    private sealed record WrkResult(TimeSpan Duration, long Responses, long SocketErrors, IReadOnlyDictionary<double, double> LatencyMs, long Written, long Refused, bool RanOut)
    {
        public double RequestsPerSecond => Responses / Duration.TotalSeconds;

        public static WrkResult Parse(string[] lines)
        {
            long durationUs = 0, responses = 0, socketErrors = 0, written = 0, refused = 0;
            var ranOut = false;
            var latency = new Dictionary<double, double>();
            foreach (var fields in lines.Select(line => line.Split(' ')))
            {
                switch (fields[0])
                {
                    case "duration_us": durationUs = Number(fields[1]); break;
                    case "responses": responses = Number(fields[1]); break;
                    case "socket_errors": socketErrors = Number(fields[1]); break;
                    case "latency_us": latency[double.Parse(fields[1], CultureInfo.InvariantCulture)] = Number(fields[2]) / 1000.0; break;
                    case "thread":
                        written += Number(fields[1]);
                        refused += Number(fields[2]);
                        ranOut |= Number(fields[3]) != 0;
                        break;
                    default: throw new InvalidOperationException($"Unexpected line in wrk's results: {string.Join(' ', fields)}");
                }
            }

            return new WrkResult(TimeSpan.FromMicroseconds(durationUs), responses, socketErrors, latency, written, refused, ranOut);
        }

        private static long Number(string text) => long.Parse(text, CultureInfo.InvariantCulture);
    }
}
