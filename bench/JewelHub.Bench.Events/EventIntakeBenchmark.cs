using System.Diagnostics;
using System.Globalization;
using Dapper;
using JewelHub.Bench.Workflows;
using JewelHub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JewelHub.Bench.Events;

/// <summary>
/// Measures <c>POST /api/events</c> of a real hub on a loopback port with wrk: requests/s and latency percentiles at
/// each number of connections, after an untimed warm-up at that number. After every run it checks the hub's event log
/// against what wrk saw: every event answered 2xx is stored once, and every other stored event of the run is one whose
/// request was still open when wrk stopped. In the same database it measures the raw rate of single-row durable commits.
/// </summary>
public static class EventIntakeBenchmark
{
    private const int WarmUpSeconds = 5;

    private const string Source = "/pos/mumbai-1";

    private const string Backlog = """
        SELECT COALESCE((SELECT MAX(seq) FROM events), 0)
             - COALESCE((SELECT position FROM workflow_cursors WHERE name = 'workflow-triggers'), 0)
        """;

    /// <summary>Runs the benchmark and writes one line per timed run, then the database's commit rate.</summary>
    public static async Task RunAsync(string provider, int seconds, IReadOnlyList<int> connections, string? postgresAdmin, CancellationToken cancellationToken)
    {
        var (options, folder) = await FlowBenchmark.CreateDatabaseAsync(provider, postgresAdmin, cancellationToken);
        WebApplication? app = null;
        try
        {
            HttpClient client;
            (app, client) = await FlowBenchmark.StartHubAsync(options, cancellationToken);
            using (client)
            {
                await ReadyAsync(client, cancellationToken);
                var database = app.Services.GetRequiredService<Database>();
                var events = new Uri(client.BaseAddress!, "/api/events");
                double? commits = null;
                foreach (var count in connections)
                {
                    await CheckAsync(database, await WrkRun.RunAsync(events, FlowBenchmark.AdminKey, $"warm{count}", count, WarmUpSeconds, cancellationToken), cancellationToken);
                    await CaughtUpAsync(database, cancellationToken);
                    commits ??= await FlowBenchmark.CommitRateAsync(database, TimeSpan.FromSeconds(3), cancellationToken);
                    Console.WriteLine(await TimedRunAsync(provider, database, events, count, seconds, cancellationToken));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{provider}: raw single-row durable commits {commits:F0}/s (one connection, one transaction each, 3 s after the first warm-up, the hub idle)"));
            }
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync(cancellationToken);
                await app.DisposeAsync();
            }

            await DropAsync(options, postgresAdmin);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> TimedRunAsync(string provider, Database database, Uri events, int connections, int seconds, CancellationToken cancellationToken)
    {
        var noWork = await WrkRun.RunAsync(new Uri(events, "/health/live"), "-", $"nowork{connections}", connections, seconds, cancellationToken);
        var loadBefore = LoadAverage();
        var (busyBefore, idleBefore) = FloorBenchmark.MachineJiffies();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var run = await WrkRun.RunAsync(events, FlowBenchmark.AdminKey, $"run{connections}", connections, seconds, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (busyAfter, idleAfter) = FloorBenchmark.MachineJiffies();
        var busy = (double)(busyAfter - busyBefore) / Math.Max(1, busyAfter - busyBefore + idleAfter - idleBefore);
        var loadAfter = LoadAverage();
        var behind = await BacklogAsync(database, cancellationToken);
        var check = await CheckAsync(database, run, cancellationToken);
        var non2xx = run.Answers.Count(a => a.Status is < 200 or > 299);
        return string.Create(CultureInfo.InvariantCulture,
            $"{provider}, {connections} connections, {seconds} s: no-work GET /health/live {noWork.RequestsPerSecond:F0} requests/s " +
            $"(p50 {noWork.LatencyMs[50]:F1} ms, p99 {noWork.LatencyMs[99]:F1} ms) | POST /api/events {run.RequestsPerSecond:F0} requests/s " +
            $"({run.RequestsPerSecond / noWork.RequestsPerSecond:P0} of no-work), p50 {run.LatencyMs[50]:F1} ms, " +
            $"p99 {run.LatencyMs[99]:F1} ms (p90 {run.LatencyMs[90]:F1}, p99.9 {run.LatencyMs[99.9]:F1}, max {run.LatencyMs[100]:F1}), " +
            $"non-2xx {non2xx}, socket errors {run.SocketErrors}; {check}; hub CPU {cpu.TotalMilliseconds / Math.Max(1, run.Responses):F2} ms/request, " +
            $"machine busy {busy:P0}, load {loadBefore} -> {loadAfter}; trigger loop {behind} events behind when wrk stopped");
    }

    /// <summary>
    /// Compares the run's stored events with wrk's answers. Throws when an event answered 2xx is missing, when an event is
    /// answered 2xx twice, or when a stored event was neither answered 2xx nor left open when wrk stopped.
    /// </summary>
    private static async Task<string> CheckAsync(Database database, WrkRun run, CancellationToken cancellationToken)
    {
        HashSet<string> stored;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            stored = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM events WHERE source = @Source AND id LIKE @Prefix",
                new { Source, Prefix = $"adj-{run.Label}-%" }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        }

        var ok = run.Answers.Where(a => a.Status is >= 200 and <= 299).Select(a => a.Id).ToList();
        var okIds = ok.ToHashSet(StringComparer.Ordinal);
        var lost = okIds.Count(id => !stored.Contains(id));
        var extra = stored.Where(id => !okIds.Contains(id)).ToList();
        var open = run.Written.Count - run.Responses;
        var others = run.Responses - ok.Count;
        if (lost > 0 || okIds.Count != ok.Count || extra.Any(id => !run.Written.Contains(id)) || extra.Count > open + others)
        {
            throw new InvalidOperationException(
                $"Run {run.Label}: {ok.Count} answers 2xx for {okIds.Count} ids, {lost} of them not stored; {stored.Count} stored, " +
                $"{extra.Count} of them not answered 2xx ({open} requests open when wrk stopped, {others} answered otherwise).");
        }

        var repeats = run.Answers.Count(a => a.Status == 200);
        return $"stored {stored.Count} = {ok.Count} answered 2xx ({repeats} of them as repeats) + {extra.Count} of the {open} requests open when wrk stopped";
    }

    private static async Task ReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using (var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException("The hub did not become ready within a minute.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Events the trigger loop has not read yet.</summary>
    private static async Task<long> BacklogAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Backlog, cancellationToken: cancellationToken));
    }

    /// <summary>Waits until the trigger loop has read every stored event, so a timed run does not start with its backlog.</summary>
    private static async Task CaughtUpAsync(Database database, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (await BacklogAsync(database, cancellationToken) > 0)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException("The trigger loop did not catch up with the event log within 10 minutes.");
            }

            await Task.Delay(100, cancellationToken);
        }
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
}
