using JewelHub.Bench.Workflows;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Workflows -- <sqlite|postgres> [flows] [postgres admin connection string] [branches]
//    or: dotnet run -c Release --project bench/JewelHub.Bench.Workflows -- postgres-floor [seconds] [postgres admin connection string] [pgbench clients]
if (args.Length > 0 && args[0] == "postgres-floor")
{
    Console.WriteLine(await FloorBenchmark.RunAsync(
        args.Length > 2 && args[2].Length > 0 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG") ?? throw new InvalidOperationException("PostgreSQL needs an admin connection string."),
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 8,
        CancellationToken.None));
    return;
}

var provider = args.Length > 0 ? args[0] : "sqlite";
var flows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
var admin = args.Length > 2 && args[2].Length > 0 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG");
var branches = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
var result = await FlowBenchmark.RunAsync(provider, flows, admin, branches, CancellationToken.None);
Console.WriteLine(result);
