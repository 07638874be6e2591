using JewelHub.Bench.Imports;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Imports -- <rows> <sqlite|postgres> [postgres admin connection string] [pieces]
var bench = args.Contains("pieces") ? PieceBench.Case : ImportBench.Case;
await BenchRun.RunAsync(bench, [.. args.Where(a => a != "pieces")], CancellationToken.None);
