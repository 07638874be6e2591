using System.Globalization;
using JewelHub.Bench.Webhooks;

// Usage: dotnet bench/JewelHub.Bench.Webhooks/bin/Release/net10.0/JewelHub.Bench.Webhooks.dll <sqlite|postgres> [seconds] [connections...]
// PostgreSQL: the admin connection string comes from JEWELHUB_TEST_PG; the bench creates a database and drops it after.
var provider = args.Length > 0 ? args[0] : "sqlite";
if (provider is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("Usage: JewelHub.Bench.Webhooks <sqlite|postgres> [seconds] [connections...]");
    return 2;
}

var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
int[] connections = args.Length > 2 ? [.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [16, 64];
await WebhookIngestionBenchmark.RunAsync(provider, seconds, connections, Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG"), CancellationToken.None);
return 0;
