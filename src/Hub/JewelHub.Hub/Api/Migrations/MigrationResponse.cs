using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Api.Migrations;

/// <summary>A migration job as the API shows it: status, progress and counts.</summary>
public sealed record MigrationResponse(
    string Id, string Entity, string Map, string FileName, string? Delimiter, string Encoding, ImportStatus Status, long LastRow, long? TotalRows,
    long Read, long Inserted, long Updated, long Merged, long Unchanged, long Rejected, long Conflicts, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static MigrationResponse From(ImportJob job) => new(
        job.Id, job.Entity, job.MapId, job.FileName, job.Delimiter, job.Encoding, job.Status, job.LastRow, job.TotalRows, job.RowsRead, job.Inserted,
        job.Updated, job.Merged, job.Unchanged, job.Rejected, job.Conflicts, job.Error, job.CreatedAt, job.UpdatedAt, job.FinishedAt);
}
