namespace JewelHub.Stores.Importing;

/// <summary>Where an import job is.</summary>
public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>One CSV file imported with one map: its progress (last committed row) and counts.</summary>
public sealed class ImportJob
{
    public required string Id { get; init; }
    public required string Entity { get; init; }
    public required string MapId { get; init; }
    public required string FileName { get; init; }
    public required string FilePath { get; init; }
    public required string FileSha256 { get; init; }
    public required ImportStatus Status { get; init; }
    /// <summary>Whether the import may fire live effects (events, stock decrements); false for history.</summary>
    public bool LiveEffects { get; init; }
    /// <summary>The field delimiter the job was asked for (one character), or null to detect it from the header.</summary>
    public string? Delimiter { get; init; }
    /// <summary>The file's encoding (a name .NET knows, e.g. utf-8, windows-1252).</summary>
    public string Encoding { get; init; } = "utf-8";
    /// <summary>The last CSV row (header = row 1) whose batch committed.</summary>
    public long LastRow { get; init; }
    public long? TotalRows { get; init; }
    public long RowsRead { get; init; }
    public long Inserted { get; init; }
    public long Updated { get; init; }
    public long Merged { get; init; }
    public long Unchanged { get; init; }
    public long Rejected { get; init; }
    /// <summary>Rows for a key already imported with other data: not applied, listed with the rejects.</summary>
    public long Conflicts { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The counts so far.</summary>
    public ImportCounts Counts => new(RowsRead, Inserted, Updated, Merged, Unchanged, Rejected, Conflicts);
}

/// <summary>
/// How many rows were read and what became of them. A conflict (a row for a key already imported, with other data) is
/// neither applied nor counted as rejected; it is listed in the rejects file with the fields that differ.
/// </summary>
public sealed record ImportCounts(long Read, long Inserted, long Updated, long Merged, long Unchanged, long Rejected, long Conflicts = 0)
{
    public static ImportCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public ImportCounts Plus(ImportCounts other) => new(
        Read + other.Read, Inserted + other.Inserted, Updated + other.Updated, Merged + other.Merged,
        Unchanged + other.Unchanged, Rejected + other.Rejected, Conflicts + other.Conflicts);
}

/// <summary>A rejected row: the original CSV text, its row number, the column(s) at fault and why.</summary>
public sealed record ImportReject(long RowNumber, string Column, string Reason, string Raw);

/// <summary>A merge: a legacy id that was new but whose phone or e-mail matched an existing customer.</summary>
public sealed record ImportMerge(long RowNumber, string ExternalId, string CustomerId, string MatchedOn);

/// <summary>Read model of a reject (Dapper).</summary>
public sealed class ImportRejectRow
{
    public long RowNumber { get; init; }
    public string ColumnName { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Raw { get; init; } = "";
}

/// <summary>Read model of a merge (Dapper).</summary>
public sealed class ImportMergeRow
{
    public long RowNumber { get; init; }
    public string ExternalId { get; init; } = "";
    public string CustomerId { get; init; } = "";
    public string MatchedOn { get; init; } = "";
}

/// <summary>
/// What one batch did: counts by outcome and the merge report, and the rows the store itself refused (a duplicate HUID,
/// an unknown customer). Those rejects name a target field as their column and leave Raw empty: the runner fills in
/// the source column and the row's text. Counts do not include them.
/// </summary>
/// <paramref name="Conflicts"/> are rows for a key already imported whose data differ (column: the differing target
/// fields, separated by "; "), neither applied nor counted.
public sealed record ImportBatchResult(
    ImportCounts Counts, IReadOnlyList<ImportMerge> Merges, IReadOnlyList<ImportReject>? Rejects = null, IReadOnlyList<ImportReject>? Conflicts = null);
