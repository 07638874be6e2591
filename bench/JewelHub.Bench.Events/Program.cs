using System.Globalization;
using JewelHub.Bench.Events;

// Usage: dotnet bench/JewelHub.Bench.Events/bin/Release/net10.0/JewelHub.Bench.Events.dll <sqlite|postgres> [seconds] [connections...]
// PostgreSQL: the admin connection string comes from JEWELHUB_TEST_PG; the bench creates a database and drops it after.
var provider = args.Length > 0 ? args[0] : "sqlite";
if (provider is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("Usage: JewelHub.Bench.Events <sqlite|postgres> [seconds] [connections...]");
    return 2;
}

var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
int[] connections = args.Length > 2 ? [.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [16, 64];
var admin = Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG");
await EventIntakeBenchmark.RunAsync(provider, seconds, connections, admin, CancellationToken.None);
return 0;
