using System.Diagnostics;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JewelHub.Bench.Imports;

/// <summary>The real import path, as `jewelhub migrate` runs it, timed from the first row read to the last commit.</summary>
internal static class TimedImport
{
    /// <summary>Runs <paramref name="request"/> in a hub over <paramref name="options"/>; returns how long the import took and its summary.</summary>
    public static async Task<(TimeSpan Elapsed, ImportSummary Summary)> RunAsync(DatabaseOptions options, ImportRequest request, CancellationToken cancellationToken)
    {
        await using var app = HubApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["ConnectionStrings:Hub"] = options.Provider == DatabaseProvider.Postgres ? options.ConnectionString : "",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await HubApp.PrepareAsync(app, cancellationToken);
        var watch = Stopwatch.StartNew();
        var summary = await app.Services.GetRequiredService<ImportRunner>().RunAsync(request, null, cancellationToken);
        return (watch.Elapsed, summary);
    }
}
