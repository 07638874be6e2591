using System.Globalization;
using System.Text.Json.Nodes;
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
        // One field per line: a long value wraps at the terminal's edge instead of being cut inside a table cell.
        foreach (var preview in summary.Previews)
        {
            AnsiConsole.MarkupLine($"[bold]Dry run, row {preview.RowNumber.ToString(CultureInfo.InvariantCulture)}[/]");
            AnsiConsole.WriteLine("  from the file:");
            var width = preview.Source.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
            foreach (var (column, value) in preview.Source)
            {
                AnsiConsole.WriteLine($"    {column.PadRight(width)}  {value}");
            }

            AnsiConsole.WriteLine("  becomes:");
            foreach (var line in CanonicalLines(preview.Canonical))
            {
                AnsiConsole.WriteLine("    " + line);
            }

            AnsiConsole.WriteLine();
        }

        var counts = summary.Counts;
        var table = new Table().Title(request.DryRun ? "Dry run summary (nothing written)" : "Import summary").AddColumns("", "Rows");
        table.AddRow("Delimiter", Markup.Escape($"'{CsvReading.Show(summary.Delimiter)}'" + (summary.DelimiterDetected ? " (detected from the header)" : "")));
        table.AddRow("Kept as attributes", summary.AttributeColumns.Count == 0 ? "(none: the map reads every column)" : Markup.Escape(string.Join(", ", summary.AttributeColumns)));
        table.AddRow("Read", $"{counts.Read:N0}");
        table.AddRow("Inserted", $"{counts.Inserted:N0}");
        table.AddRow("Updated", $"{counts.Updated:N0}");
        table.AddRow("Merged", $"{counts.Merged:N0}");
        table.AddRow("Unchanged", $"{counts.Unchanged:N0}");
        table.AddRow("Rejected", $"{counts.Rejected:N0}");
        table.AddRow("Conflicts", $"{counts.Conflicts:N0}");
        table.AddRow("Elapsed", $"{summary.Elapsed.TotalSeconds:N1} s");
        table.AddRow("Rows/s", summary.Elapsed.TotalSeconds > 0 ? $"{counts.Read / summary.Elapsed.TotalSeconds:N0}" : "-");
        if (summary.JobId is not null)
        {
            table.AddRow("Job", summary.JobId + (summary.Resumed ? " (resumed)" : ""));
        }

        AnsiConsole.Write(table);
        var name = Path.GetFileName(request.FilePath);
        foreach (var reject in summary.FirstRejects.OrderBy(r => r.RowNumber))
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{name}:{reject.RowNumber}: {reject.Column}: {reject.Reason}"));
        }

        if (counts.Rejected + counts.Conflicts > summary.FirstRejects.Count)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"... and {counts.Rejected + counts.Conflicts - summary.FirstRejects.Count:N0} more rejects and conflicts" + (request.RejectsPath is null ? " (use --rejects <file>)" : $" in {request.RejectsPath}")));
        }
    }

    // The canonical record one field per line ("name  Asha Rao"), or each error ("error  Mobile: must be ...").
    private static IEnumerable<string> CanonicalLines(string canonical)
    {
        var json = JsonNode.Parse(canonical)!.AsObject();
        if (json["errors"] is JsonArray errors)
        {
            return errors.Select(e => $"error  {e!["field"]}: {e["reason"]}");
        }

        var width = json.Select(p => p.Key.Length).DefaultIfEmpty(0).Max();
        return json.Select(p => $"{p.Key.PadRight(width)}  {(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString() ?? "")}");
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
