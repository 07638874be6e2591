using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>
/// The rejects CSV: the original header plus row, column and reason; then each rejected row's original text unchanged,
/// followed by its row number, column(s) and a plain reason.
/// </summary>
public sealed class RejectsFile : IAsyncDisposable
{
    private readonly StreamWriter _writer;

    public RejectsFile(string path, string headerLine) : this(new StreamWriter(path, append: false), headerLine)
    {
    }

    public RejectsFile(StreamWriter writer, string headerLine)
    {
        _writer = writer;
        _writer.Write(headerLine + ",row,column,reason\n");
    }

    /// <summary>Appends rejected rows.</summary>
    public async ValueTask AppendAsync(IEnumerable<ImportReject> rejects, CancellationToken cancellationToken)
    {
        foreach (var reject in rejects)
        {
            await _writer.WriteAsync($"{reject.Raw},{reject.RowNumber},{Quote(reject.Column)},{Quote(reject.Reason)}\n".AsMemory(), cancellationToken);
        }
    }

    /// <summary>Writes a finished job's rejects (from the database, so a resumed job's earlier rejects are included).</summary>
    public static async Task ExportAsync(ImportStore store, string jobId, ImportRequest request, CancellationToken cancellationToken)
    {
        if (request.RejectsPath is null)
        {
            return;
        }

        await using var file = new RejectsFile(request.RejectsPath, await HeaderLineAsync(request.FilePath, cancellationToken));
        await file.WriteJobAsync(store, jobId, cancellationToken);
    }

    /// <summary>Writes a job's rejects from the database.</summary>
    public async Task WriteJobAsync(ImportStore store, string jobId, CancellationToken cancellationToken) =>
        await AppendAsync((await store.RejectsAsync(jobId, cancellationToken)).Select(r => new ImportReject(r.RowNumber, r.ColumnName, r.Reason, r.Raw)), cancellationToken);

    /// <summary>The first line of a file, as written.</summary>
    public static async Task<string> HeaderLineAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        return (await reader.ReadLineAsync(cancellationToken)) ?? "";
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
