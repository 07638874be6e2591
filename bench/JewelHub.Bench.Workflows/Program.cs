using JewelHub.Bench.Workflows;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Workflows -- <sqlite|postgres> [flows] [postgres admin connection string]
var provider = args.Length > 0 ? args[0] : "sqlite";
var flows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
var admin = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG");
var result = await FlowBenchmark.RunAsync(provider, flows, admin, CancellationToken.None);
Console.WriteLine(result);
