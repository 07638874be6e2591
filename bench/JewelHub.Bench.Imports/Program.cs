using System.Diagnostics;
using JewelHub.Bench.Imports;
using JewelHub.Storage;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Imports -- <rows> <sqlite|postgres> [postgres admin connection string] [pieces]
if (args.Contains("pieces"))
{
    await PieceBench.RunAsync([.. args.Where(a => a != "pieces")], CancellationToken.None);
    return;
}

var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var provider = args.Length > 1 && args[1] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var admin = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG") ?? "";
var folder = Directory.CreateTempSubdirectory("jewelhub-bench-").FullName;
try
{
    var file = CustomerFile.Write(folder, rows);
    var import = await ImportBench.RunImportAsync(provider, admin, folder, file, CancellationToken.None);
    var ceiling = await ImportBench.RunCeilingAsync(provider, admin, folder, rows, CancellationToken.None);
    Console.WriteLine($"customers {rows:N0} rows on {provider}");
    Console.WriteLine($"  import (map + validate + write): {import.TotalSeconds:N1} s = {rows / import.TotalSeconds:N0} rows/s");
    Console.WriteLine($"  raw ceiling ({(provider == DatabaseProvider.Postgres ? "binary COPY" : "prepared inserts")} of pre-mapped rows): {ceiling.TotalSeconds:N1} s = {rows / ceiling.TotalSeconds:N0} rows/s");
    Console.WriteLine($"  import / ceiling: {ceiling.TotalSeconds / import.TotalSeconds:P0}");
    Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
}
finally
{
    Directory.Delete(folder, recursive: true);
}
