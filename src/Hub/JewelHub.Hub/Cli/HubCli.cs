using System.CommandLine;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Mappings.Definitions;
using JewelHub.Mappings.Loading;

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
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter: one character, \\t for a tab. Without it the delimiter is detected from the header (, ; \\t |)." };
        var encoding = new Option<string>("--encoding") { Description = "File encoding: utf-8 (default), windows-1252, iso-8859-1, utf-16 or any name or code page .NET provides.", DefaultValueFactory = _ => "utf-8" };
        var mapsFolder = new Option<string>("--maps") { Description = "A folder of your own map files (JSON or YAML), loaded beside the shipped maps; the same as the Maps:Folder setting." };
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
            entity, file, map, dryRun, rejects, batchSize, delimiter, encoding, mapsFolder, allowRejects, liveEffects,
        };
        migrate.SetAction((parsed, cancellationToken) =>
        {
            // Options whose values System.CommandLine cannot check are checked here, each refused with a sentence and exit code 2.
            if (!CsvReading.TryParseDelimiter(parsed.GetValue(delimiter), out var separator, out var delimiterError))
            {
                return Task.FromResult(Refuse($"--delimiter {delimiterError}"));
            }

            if (!CsvReading.TryGetEncoding(parsed.GetValue(encoding), out _, out var encodingError))
            {
                return Task.FromResult(Refuse($"--encoding: {encodingError}"));
            }

            var folder = parsed.GetValue(mapsFolder);
            if (folder is not null && !Directory.Exists(folder))
            {
                return Task.FromResult(Refuse($"--maps: the map folder '{folder}' does not exist"));
            }

            return MigrateAsync(new ImportRequest
            {
                Entity = parsed.GetValue(entity)!,
                FilePath = parsed.GetValue(file)!.FullName,
                MapId = parsed.GetValue(map)!,
                DryRun = parsed.GetValue(dryRun),
                RejectsPath = parsed.GetValue(rejects)?.FullName,
                BatchSize = parsed.GetValue(batchSize),
                Delimiter = separator,
                Encoding = parsed.GetValue(encoding)!,
                LiveEffects = parsed.GetValue(liveEffects),
            }, folder is null ? null : Path.GetFullPath(folder), parsed.GetValue(allowRejects), cancellationToken);
        });

        var root = new RootCommand("JewelHub integration hub. Without a command it runs the web host.") { migrate };
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Exit code of a run that could not start or read its file: nothing was written.</summary>
    public const int RefusedExitCode = 2;

    /// <summary>Exit code of a run that rejected rows without --allow-rejects.</summary>
    public const int RejectsExitCode = 1;

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return RefusedExitCode;
    }

    private static async Task<int> MigrateAsync(ImportRequest request, string? mapsFolder, bool allowRejects, CancellationToken cancellationToken)
    {
        try
        {
            // No command-line arguments reach the host builder: they are the CLI's, and paths would read as settings.
            await using var app = HubApp.Build([], configuration =>
            {
                if (mapsFolder is not null)
                {
                    configuration[$"{MapOptions.Section}:{nameof(MapOptions.Folder)}"] = mapsFolder;
                }
            });
            await HubApp.PrepareAsync(app, cancellationToken);
            var runner = app.Services.GetRequiredService<ImportRunner>();
            var summary = await MigrateConsole.RunAsync(runner, request, cancellationToken);
            return summary.Counts.Rejected + summary.Counts.Conflicts > 0 && !allowRejects ? RejectsExitCode : 0;
        }
        catch (Exception exception) when (exception is ImportFileException or MapDefinitionException or ImportBusyException)
        {
            return Refuse(exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be read or written (locked, no permission, a folder given as the rejects file).
            return Refuse(exception.Message);
        }
    }
}
