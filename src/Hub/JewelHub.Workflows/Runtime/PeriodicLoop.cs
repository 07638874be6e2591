using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// A hosted loop that does one job of the runtime: a pass at start-up, which is how work that fell due while the hub
/// was down gets done, then a pass every interval. A failed pass is logged and the next one tries again.
/// </summary>
public abstract class PeriodicLoop(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>What the loop does, as its failures are logged ("due timer" gives "The workflow due timer loop failed").</summary>
    protected abstract string Job { get; }

    /// <summary>One pass of the job.</summary>
    public abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                WorkflowsLog.LoopFailed(logger, exception, Job);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
