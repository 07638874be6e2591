namespace JewelHub.Stores.Importing;

/// <summary>
/// A runner's claim on an import job lapsed and another runner took the job over; the batch being committed is rolled
/// back and this runner stops. The job is not marked failed: the other runner carries it on.
/// </summary>
public sealed class ImportClaimLostException(string jobId)
    : Exception($"Import job {jobId} was taken over by another runner after this runner's claim lapsed; this run stopped.")
{
    public string JobId { get; } = jobId;
}
