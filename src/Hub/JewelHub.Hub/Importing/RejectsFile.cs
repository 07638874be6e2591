using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>
/// The rejects CSV: the original header plus row, column and reason; then each rejected row's original text, followed
/// by its row number, column(s) and a plain reason. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR
/// first) is written with a leading single quote (<see cref="SpreadsheetSafe"/>); every other cell is as it was read.
/// </summary>
public sealed class RejectsFile : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly char _delimiter;

    public RejectsFile(string path, string headerLine, char delimiter = ',') : this(new StreamWriter(path, append: false), headerLine, delimiter)
    {
    }

    public RejectsFile(StreamWriter writer, string headerLine, char delimiter = ',')
    {
        _writer = writer;
        _delimiter = delimiter;
        _writer.Write(SpreadsheetSafe.Record(headerLine, delimiter) + $"{delimiter}row{delimiter}column{delimiter}reason\n");
    }

    /// <summary>Appends rejected rows.</summary>
    public async ValueTask AppendAsync(IEnumerable<ImportReject> rejects, CancellationToken cancellationToken)
    {
        foreach (var reject in rejects)
        {
            var row = SpreadsheetSafe.Record(reject.Raw, _delimiter);
            var d = _delimiter;
            await _writer.WriteAsync($"{row}{d}{reject.RowNumber}{d}{Quote(SpreadsheetSafe.Cell(reject.Column))}{d}{Quote(SpreadsheetSafe.Cell(reject.Reason))}\n".AsMemory(), cancellationToken);
        }
    }

    /// <summary>Writes a finished job's rejects (from the database, so a resumed job's earlier rejects are included).</summary>
    public static async Task ExportAsync(ImportStore store, string jobId, ImportRequest request, string headerLine, char delimiter, CancellationToken cancellationToken)
    {
        if (request.RejectsPath is null)
        {
            return;
        }

        await using var file = new RejectsFile(request.RejectsPath, headerLine, delimiter);
        await file.WriteJobAsync(store, jobId, cancellationToken);
    }

    /// <summary>Writes a job's rejects from the database.</summary>
    public async Task WriteJobAsync(ImportStore store, string jobId, CancellationToken cancellationToken) =>
        await AppendAsync((await store.RejectsAsync(jobId, cancellationToken)).Select(r => new ImportReject(r.RowNumber, r.ColumnName, r.Reason, r.Raw)), cancellationToken);

    /// <summary>The header line and delimiter of a job's file, read with the job's options (an empty header when the file is gone or unreadable).</summary>
    internal static (string HeaderLine, char Delimiter) HeaderOf(ImportRequest request)
    {
        try
        {
            using var csv = new CsvSource(request);
            return (csv.HeaderLine, csv.Delimiter);
        }
        catch (ImportFileException)
        {
            return ("", request.Delimiter ?? ',');
        }
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();

    private string Quote(string value) =>
        value.IndexOfAny([_delimiter, '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
