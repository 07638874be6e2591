using JewelHub.Bench.Imports;

// Usage: dotnet run -c Release --project bench/JewelHub.Bench.Imports -- <rows> <sqlite|postgres> [postgres admin connection string] [pieces]
if (args.Contains("pieces"))
{
    await PieceBench.RunAsync([.. args.Where(a => a != "pieces")], CancellationToken.None);
}
else
{
    await ImportBench.RunAsync(args, CancellationToken.None);
}
