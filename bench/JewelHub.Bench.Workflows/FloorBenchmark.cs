using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using JewelHub.Stores.Finance;
using Npgsql;

namespace JewelHub.Bench.Workflows;

/// <summary>
/// The database's floor for the sale → payment flow: <c>floor.pgbench</c> replays the rows one flow writes, in the hub's
/// six transactions, each as one pipelined round trip, from pgbench (a C client that costs next to nothing), with no
/// hub at all. Its flows/s is what PostgreSQL on this machine can do for the flow's writes alone; the machine's busy
/// share during the run says whether anything would be left for a hub.
/// </summary>
public static partial class FloorBenchmark
{
    private const int Rings = 200_000;

    /// <summary>Prepares a fresh database through the hub, then runs pgbench for <paramref name="seconds"/> seconds.</summary>
    public static async Task<string> RunAsync(string postgresAdmin, int seconds, int clients, CancellationToken cancellationToken)
    {
        var year = FinancialYear.Of(TimeProvider.System.GetUtcNow(), new FinanceOptions().ResolveTimeZone());
        var database = await PrepareAsync(postgresAdmin, year, cancellationToken);
        var script = Path.Combine(AppContext.BaseDirectory, "floor.pgbench");

        // A few seconds of flows first, then VACUUM ANALYZE: the tables the flows write start empty, and plans made
        // from empty tables (foreign-key checks among them) would scan whole tables as they fill during a short run.
        await PgbenchAsync(database, script, year, 5, clients, cancellationToken);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.ExecuteAsync("VACUUM ANALYZE");
        }

        var (before, beforeIdle) = MachineJiffies();
        var output = await PgbenchAsync(database, script, year, seconds, clients, cancellationToken);
        var (after, afterIdle) = MachineJiffies();
        var busy = (double)(after - before) / Math.Max(1, after - before + afterIdle - beforeIdle);

        var tps = TpsLine().Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("pgbench printed no tps:\n" + output);
        var (finished, sold, unbalanced) = await CheckAsync(database, cancellationToken);
        if (finished != sold || unbalanced != 0)
        {
            throw new InvalidOperationException($"{finished} instances finished, {sold} rings sold, {unbalanced} postings unbalanced: the script is broken.");
        }

        return $"postgres floor, {clients} pgbench clients, {seconds} s: {tps:F1} flows/s (checked over all {finished} flows, warm-up included: each ring sold once, every posting balanced); " +
            $"machine busy {busy:P0} (PostgreSQL and pgbench, no hub)";
    }

    /// <summary>A fresh database with the hub's schema and workflows, the 22K rate and the rings, as the flow bench has them.</summary>
    private static async Task<string> PrepareAsync(string postgresAdmin, string year, CancellationToken cancellationToken)
    {
        var (options, folder) = await FlowBenchmark.CreateDatabaseAsync("postgres", postgresAdmin, cancellationToken);
        Directory.Delete(folder, recursive: true);
        var (app, client) = await FlowBenchmark.StartHubAsync(options, cancellationToken);
        await FlowBenchmark.GoldRateAsync(client, cancellationToken);
        client.Dispose();
        await app.StopAsync(cancellationToken);
        await app.DisposeAsync();
        var connectionString = options.ConnectionString;

        // The rings are set-up, not what is measured: written straight into the table in one statement.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync($"""
            CREATE SEQUENCE floor_piece;
            INSERT INTO pieces (sku, category, metal, fineness, gross_mg, net_mg, making_mode, making_value_hundredths, hsn, branch, status, created_at)
            SELECT 'FP-' || g, 'Ring', 'Gold', 916, 10500, 10000, 'PerGram', 45000, '7113', 'MUM', 'Available', now() FROM generate_series(1, {Rings}) g;
            INSERT INTO bill_series (series, financial_year, next_number)
            VALUES ('MUM', '{year}', 1);
            """);
        await connection.ExecuteAsync("VACUUM ANALYZE");
        return connectionString;
    }

    private static async Task<string> PgbenchAsync(string connectionString, string script, string year, int seconds, int clients, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var pgbench = File.Exists("/usr/lib/postgresql/15/bin/pgbench") ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-D", $"fy={year}", "-f", script,
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!,
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"pgbench exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    /// <summary>Finished instances, sold rings and postings whose debits and credits differ, after the run.</summary>
    private static async Task<(long Finished, long Sold, long Unbalanced)> CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM workflow_instances WHERE status = 'Finished'),
                   (SELECT count(*) FROM pieces WHERE status = 'Sold'),
                   (SELECT count(*) FROM (SELECT posting_reference FROM ledger_entries GROUP BY posting_reference
                                          HAVING sum(debit_minor) <> sum(credit_minor)) u)
            """, cancellationToken: cancellationToken));
    }

    /// <summary>The machine's busy and idle jiffies so far, from /proc/stat.</summary>
    public static (long Busy, long Idle) MachineJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7], fields[3] + fields[4]);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
