using JewelHub.Bench.Workflows;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Workflows -- <sqlite|postgres> [flows] [postgres admin connection string] [branches]
var provider = args.Length > 0 ? args[0] : "sqlite";
var flows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
var admin = args.Length > 2 && args[2].Length > 0 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG");
var branches = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
var result = await FlowBenchmark.RunAsync(provider, flows, admin, branches, CancellationToken.None);
Console.WriteLine(result);
