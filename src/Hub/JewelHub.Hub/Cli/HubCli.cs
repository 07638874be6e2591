using System.CommandLine;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Mappings.Definitions;

namespace JewelHub.Hub.Cli;

/// <summary>The hub's command line: <c>jewelhub migrate ...</c>. With no command the executable runs the web host.</summary>
public static class HubCli
{
    /// <summary>True when the arguments ask for a command rather than the web host.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var entity = new Argument<string>("entity") { Description = "What the file holds: customers, pieces, stock-levels or sales." };
        var file = new Argument<FileInfo>("file") { Description = "The legacy CSV file." };
        var map = new Option<string>("--map") { Description = "The map id, e.g. legacy-pos.customer.in.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write nothing; show the first rows beside their canonical records and the counts." };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write rejected rows here (original row + row, column, reason)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per transaction.", DefaultValueFactory = _ => 5000 };
        var delimiter = new Option<char>("--delimiter") { Description = "Field delimiter.", DefaultValueFactory = _ => ',' };
        var encoding = new Option<string>("--encoding") { Description = "File encoding.", DefaultValueFactory = _ => "utf-8" };
        var allowRejects = new Option<bool>("--allow-rejects") { Description = "Exit 0 even when rows were rejected." };
        var liveEffects = new Option<bool>("--live-effects") { Description = "Sales only: mark each sold piece still on the shelf as Sold with a Sale movement (off by default; no events or notifications either way)." };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10000)
            {
                result.AddError("--batch-size must be between 1 and 10000");
            }
        });

        var migrate = new Command("migrate", "Import legacy records from a CSV file through a map.")
        {
            entity, file, map, dryRun, rejects, batchSize, delimiter, encoding, allowRejects, liveEffects,
        };
        migrate.SetAction((parsed, cancellationToken) => MigrateAsync(new ImportRequest
        {
            Entity = parsed.GetValue(entity)!,
            FilePath = parsed.GetValue(file)!.FullName,
            MapId = parsed.GetValue(map)!,
            DryRun = parsed.GetValue(dryRun),
            RejectsPath = parsed.GetValue(rejects)?.FullName,
            BatchSize = parsed.GetValue(batchSize),
            Delimiter = parsed.GetValue(delimiter),
            Encoding = parsed.GetValue(encoding)!,
            LiveEffects = parsed.GetValue(liveEffects),
        }, parsed.GetValue(allowRejects), cancellationToken));

        var root = new RootCommand("JewelHub integration hub. Without a command it runs the web host.") { migrate };
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> MigrateAsync(ImportRequest request, bool allowRejects, CancellationToken cancellationToken)
    {
        try
        {
            // No command-line arguments reach the host builder: they are the CLI's, and paths would read as settings.
            await using var app = HubApp.Build([]);
            await HubApp.PrepareAsync(app, cancellationToken);
            var runner = app.Services.GetRequiredService<ImportRunner>();
            var summary = await MigrateConsole.RunAsync(runner, request, cancellationToken);
            return summary.Counts.Rejected > 0 && !allowRejects ? 1 : 0;
        }
        catch (Exception exception) when (exception is ImportFileException or MapDefinitionException or ImportBusyException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 2;
        }
    }
}
