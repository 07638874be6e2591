using JewelHub.Hub.Importing;
using Spectre.Console;

namespace JewelHub.Hub.Cli;

/// <summary>Live progress (rows, rows/s, ETA, rejects) and the summary of a migrate run, drawn with Spectre.Console.</summary>
internal static class MigrateConsole
{
    public static async Task<ImportSummary> RunAsync(ImportRunner runner, ImportRequest request, CancellationToken cancellationToken)
    {
        ImportSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"{request.Entity}: starting"), maxValue: 1);
                var progress = new SyncProgress(p =>
                {
                    var rate = p.Elapsed.TotalSeconds > 0 ? p.Counts.Read / p.Elapsed.TotalSeconds : 0;
                    task.Value = p.Fraction;
                    task.Description = Markup.Escape($"{request.Entity}: {p.Counts.Read:N0} rows, {rate:N0} rows/s, {p.Counts.Rejected:N0} rejects");
                });
                summary = await runner.RunAsync(request, progress, cancellationToken);
                task.Value = 1;
            });

        Show(request, summary!);
        return summary!;
    }

    private static void Show(ImportRequest request, ImportSummary summary)
    {
        if (summary.Previews.Count > 0)
        {
            var previews = new Table().Title("Dry run: source rows and the canonical records they become").AddColumns("Row", "Source", "Canonical");
            foreach (var preview in summary.Previews)
            {
                previews.AddRow(
                    preview.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("\n", preview.Source.Select(p => $"{p.Key}={p.Value}"))),
                    Markup.Escape(preview.Canonical));
            }

            AnsiConsole.Write(previews);
        }

        var counts = summary.Counts;
        var verb = request.DryRun ? "Would be " : "";
        var table = new Table().Title(request.DryRun ? "Dry run (nothing written)" : "Import summary").AddColumns("", "Rows");
        table.AddRow("Delimiter", Markup.Escape($"'{CsvReading.Show(summary.Delimiter)}'" + (summary.DelimiterDetected ? " (detected from the header)" : "")));
        table.AddRow("Read", $"{counts.Read:N0}");
        table.AddRow($"{verb}inserted", $"{counts.Inserted:N0}");
        table.AddRow($"{verb}updated", $"{counts.Updated:N0}");
        table.AddRow($"{verb}merged", $"{counts.Merged:N0}");
        table.AddRow("Unchanged", $"{counts.Unchanged:N0}");
        table.AddRow($"{verb}rejected", $"{counts.Rejected:N0}");
        table.AddRow("Elapsed", $"{summary.Elapsed.TotalSeconds:N1} s");
        table.AddRow("Rows/s", summary.Elapsed.TotalSeconds > 0 ? $"{counts.Read / summary.Elapsed.TotalSeconds:N0}" : "-");
        if (summary.JobId is not null)
        {
            table.AddRow("Job", summary.JobId + (summary.Resumed ? " (resumed)" : ""));
        }

        AnsiConsole.Write(table);
        var name = Path.GetFileName(request.FilePath);
        foreach (var reject in summary.FirstRejects)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{name}:{reject.RowNumber}: {reject.Column}: {reject.Reason}"));
        }

        if (counts.Rejected > summary.FirstRejects.Count)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"... and {counts.Rejected - summary.FirstRejects.Count:N0} more rejects" + (request.RejectsPath is null ? " (use --rejects <file>)" : $" in {request.RejectsPath}")));
        }
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
