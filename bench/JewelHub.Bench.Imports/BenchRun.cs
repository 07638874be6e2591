using System.Diagnostics;
using System.Globalization;
using JewelHub.Storage;
using Npgsql;

namespace JewelHub.Bench.Imports;

/// <summary>What one benchmark times: the import of a generated file, and the ceiling writing the same rows pre-mapped.</summary>
internal sealed record BenchCase(
    string Entity,
    Func<string, int, string> WriteFile,
    Func<DatabaseOptions, string, int, CancellationToken, Task<TimeSpan>> ImportAsync,
    Func<DatabaseOptions, int, CancellationToken, Task<TimeSpan>> CeilingAsync,
    IReadOnlyList<string> Digest);

/// <summary>
/// Runs a benchmark on fresh databases: both paths once untimed on 10,000 rows (so neither figure carries the JIT), then
/// import, ceiling, ceiling, import. The machine is shared, so its load drifts during a run; timing each path twice in
/// mirrored order lets a drift fall on both alike. The ratio is ceiling time over import time, both summed.
/// </summary>
internal static class BenchRun
{
    private const int WarmUpRows = 10_000;

    /// <summary>Arguments: rows, sqlite|postgres, the PostgreSQL admin connection string.</summary>
    public static async Task RunAsync(BenchCase bench, string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var provider = args.Length > 1 && args[1] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var admin = args.Length > 2 && args[2].Length > 0 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG") ?? "";
        var folder = Directory.CreateTempSubdirectory("jewelhub-bench-").FullName;
        var databases = new List<DatabaseOptions>();
        async Task<DatabaseOptions> FreshAsync(string name)
        {
            databases.Add(await CreateAsync(provider, admin, folder, $"{bench.Entity}_{name}", cancellationToken));
            return databases[^1];
        }

        try
        {
            var warmUp = bench.WriteFile(Directory.CreateDirectory(Path.Combine(folder, "warm-up")).FullName, WarmUpRows);
            await bench.ImportAsync(await FreshAsync("warm_import"), warmUp, WarmUpRows, cancellationToken);
            await bench.CeilingAsync(await FreshAsync("warm_ceiling"), WarmUpRows, cancellationToken);
            var file = bench.WriteFile(folder, rows);
            var import1 = await FreshAsync("import1");
            var imports = new List<TimeSpan> { await bench.ImportAsync(import1, file, rows, cancellationToken) };
            var importPeak = Process.GetCurrentProcess().PeakWorkingSet64;
            var ceiling1 = await FreshAsync("ceiling1");
            var ceilings = new List<TimeSpan> { await bench.CeilingAsync(ceiling1, rows, cancellationToken) };
            ceilings.Add(await bench.CeilingAsync(await FreshAsync("ceiling2"), rows, cancellationToken));
            imports.Add(await bench.ImportAsync(await FreshAsync("import2"), file, rows, cancellationToken));
            var same = await BenchDigest.ComputeAsync(new Database(import1), bench.Digest, cancellationToken)
                == await BenchDigest.ComputeAsync(new Database(ceiling1), bench.Digest, cancellationToken);
            Report(bench.Entity, rows, provider, imports, ceilings, same, importPeak);
        }
        finally
        {
            await DropAsync(provider, admin, databases);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Report(string entity, int rows, DatabaseProvider provider, List<TimeSpan> imports, List<TimeSpan> ceilings, bool same, long importPeak)
    {
        static string Runs(List<TimeSpan> times) => string.Join(" and ", times.Select(t => $"{t.TotalSeconds:N1} s"));
        var import = imports.Sum(t => t.TotalSeconds);
        var ceiling = ceilings.Sum(t => t.TotalSeconds);
        Console.WriteLine($"{entity} {rows:N0} rows on {provider}");
        Console.WriteLine($"  import (map + validate + look-ups + write): {Runs(imports)} = {2 * rows / import:N0} rows/s");
        Console.WriteLine($"  raw ceiling ({(provider == DatabaseProvider.Postgres ? "binary COPY" : "prepared inserts")} of the import's rows, pre-mapped): "
            + $"{Runs(ceilings)} = {2 * rows / ceiling:N0} rows/s");
        Console.WriteLine($"  import / ceiling: {ceiling / import:P0}");
        Console.WriteLine($"  import and ceiling wrote the same data: {(same ? "yes" : "NO")}");
        Console.WriteLine($"  peak working set: {importPeak / 1024 / 1024:N0} MB after the first import, {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB at the end");
    }

    /// <summary>A new empty database for one timed run: a SQLite file in the folder, or a new PostgreSQL database.</summary>
    private static async Task<DatabaseOptions> CreateAsync(DatabaseProvider provider, string admin, string folder, string name, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(folder, name + ".db")}" };
        }

        var database = $"bench_{name}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString() };
    }

    private static async Task DropAsync(DatabaseProvider provider, string admin, List<DatabaseOptions> databases)
    {
        if (provider != DatabaseProvider.Postgres || databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(CancellationToken.None);
        foreach (var options in databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(options.ConnectionString).Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
