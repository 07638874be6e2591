using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>Where a running import is: counts so far and how far through the file (0..1).</summary>
public sealed record ImportProgress(ImportCounts Counts, double Fraction, TimeSpan Elapsed);

/// <summary>A source row beside the canonical record it becomes (or its errors), shown by a dry run.</summary>
public sealed record ImportPreview(long RowNumber, IReadOnlyDictionary<string, string?> Source, string Canonical);

/// <summary>The end of an import.</summary>
public sealed record ImportSummary(string? JobId, ImportCounts Counts, TimeSpan Elapsed, IReadOnlyList<ImportReject> FirstRejects, IReadOnlyList<ImportPreview> Previews, bool Resumed)
{
    /// <summary>The field delimiter the file was read with.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the delimiter was detected from the header rather than given.</summary>
    public bool DelimiterDetected { get; init; }

    /// <summary>The file's header as written.</summary>
    public string HeaderLine { get; init; } = "";

    /// <summary>The columns no rule of the map reads: kept per record as its attributes.</summary>
    public IReadOnlyList<string> AttributeColumns { get; init; } = [];
}
