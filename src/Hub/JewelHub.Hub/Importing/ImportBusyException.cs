namespace JewelHub.Hub.Importing;

/// <summary>The import job for this file is being run by another runner (a hub's worker or another jewelhub migrate); nothing was written.</summary>
public sealed class ImportBusyException(string jobId, string fileName, TimeSpan claim)
    : Exception($"{fileName} is being imported by another process (job {jobId}). Run the command again when that import has finished; "
        + $"if that process has stopped, its claim on the job lapses within {claim.TotalSeconds:0} seconds.")
{
    public string JobId { get; } = jobId;
}
