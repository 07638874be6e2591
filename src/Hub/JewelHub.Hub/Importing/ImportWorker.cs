namespace JewelHub.Hub.Importing;

/// <summary>Runs uploaded imports one at a time in the background; a failure is recorded on the job row.</summary>
public sealed partial class ImportWorker(ImportInbox queue, ImportRunner runner, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (jobId, request) in queue.ReadAllAsync(stoppingToken))
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
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Import {JobId} failed")]
    private static partial void ImportFailed(ILogger logger, string jobId, Exception exception);
}
