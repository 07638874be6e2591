using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>One import to run: the same request whether it comes from the CLI or the API.</summary>
public sealed record ImportRequest
{
    /// <summary>customers, pieces, stock-levels or sales.</summary>
    public required string Entity { get; init; }
    public required string FilePath { get; init; }
    /// <summary>The name the operator knows the file by (the upload's name for the API).</summary>
    public string? FileName { get; init; }
    public required string MapId { get; init; }
    /// <summary>Run everything, write nothing: counts and previews only.</summary>
    public bool DryRun { get; init; }
    public int BatchSize { get; init; } = 5000;
    /// <summary>The field delimiter, or null to detect it from the header (, ; tab or |).</summary>
    public char? Delimiter { get; init; }
    /// <summary>The file's encoding: any name or code page .NET provides (see <see cref="CsvReading.TryGetEncoding"/>).</summary>
    public string Encoding { get; init; } = "utf-8";
    /// <summary>How many rows a dry run shows beside their canonical records.</summary>
    public int PreviewRows { get; init; } = 5;
    /// <summary>Write rejects here as CSV when the run ends (or as they happen, for a dry run).</summary>
    public string? RejectsPath { get; init; }
    /// <summary>Let the import fire live effects (events, notifications); off for history.</summary>
    public bool LiveEffects { get; init; }

    /// <summary>The request that runs (or resumes) an uploaded job: everything it needs is on the job row.</summary>
    public static ImportRequest ForUpload(ImportJob job, int batchSize) => new()
    {
        Entity = job.Entity,
        MapId = job.MapId,
        FilePath = job.FilePath,
        FileName = job.FileName,
        BatchSize = batchSize,
        LiveEffects = job.LiveEffects,
        Delimiter = job.Delimiter is { Length: 1 } delimiter ? delimiter[0] : null,
        Encoding = job.Encoding,
    };
}
