using JewelHub.Stores.Importing;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Runs uploaded imports one at a time in the background; a failure is recorded on the job row. At start it first
/// resumes the uploads that were queued or running when the hub stopped (jobs whose file is in the upload folder; a CLI
/// run is its own process and is resumed by running the command again), each after its last committed batch. A job
/// that another runner holds (another hub, or a jewelhub migrate process) is left to it: every run claims its job.
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
            // An upload that another hub received into a folder this hub cannot see is that hub's to resume.
            if (job.FilePath.StartsWith(uploads, StringComparison.Ordinal) && File.Exists(job.FilePath))
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
        catch (ImportBusyException)
        {
            ImportRunElsewhere(logger, jobId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Background loop boundary: the runner has already marked the job Failed with the reason.
            ImportFailed(logger, jobId, exception);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Import {JobId} failed")]
    private static partial void ImportFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Import {JobId} is being run by another process; this hub leaves it alone")]
    private static partial void ImportRunElsewhere(ILogger logger, string jobId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Resuming import {JobId} after row {LastRow}")]
    private static partial void ImportResuming(ILogger logger, string jobId, long lastRow);
}
