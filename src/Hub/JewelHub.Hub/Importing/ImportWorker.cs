using JewelHub.Stores.Importing;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Runs uploaded imports one at a time in the background; a failure is recorded on the job row. At start it first
/// resumes the uploads that were queued or running when the hub stopped (jobs whose file is in the upload folder; a CLI
/// run is its own process and is resumed by running the command again), each after its last committed batch.
/// </summary>
public sealed partial class ImportWorker(
    ImportInbox queue, ImportRunner runner, ImportStore store, IOptions<ImportOptions> options, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var uploads = Path.GetFullPath(options.Value.UploadFolder) + Path.DirectorySeparatorChar;
        var resumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in await store.UnfinishedAsync(stoppingToken))
        {
            if (job.FilePath.StartsWith(uploads, StringComparison.Ordinal))
            {
                ImportResuming(logger, job.Id, job.LastRow);
                resumed.Add(job.Id);
                await RunAsync(job.Id, ImportRequest.ForUpload(job, options.Value.BatchSize), stoppingToken);
            }
        }

        await foreach (var (jobId, request) in queue.ReadAllAsync(stoppingToken))
        {
            // An upload queued while the hub was starting is in both lists; it has already run.
            if (!resumed.Contains(jobId))
            {
                await RunAsync(jobId, request, stoppingToken);
            }
        }
    }

    private async Task RunAsync(string jobId, ImportRequest request, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(request, null, stoppingToken, jobId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Background loop boundary: the runner has already marked the job Failed with the reason.
            ImportFailed(logger, jobId, exception);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Import {JobId} failed")]
    private static partial void ImportFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Resuming import {JobId} after row {LastRow}")]
    private static partial void ImportResuming(ILogger logger, string jobId, long lastRow);
}
