using JewelHub.Workflows.ActivityModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Fires due timers (also those that fell due while the hub was down) and takes over Running instances whose lease
/// expired, which is how a crash at any point resumes.
/// </summary>
public sealed class WorkflowTimerService(
    BookmarkStore bookmarks,
    WorkflowInstanceStore instances,
    WorkflowEngine engine,
    WorkflowRunner runs,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowTimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TimerInterval);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                WorkflowsLog.LoopFailed(logger, exception, "timer");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass: fire due timers, deliver events left pending by a crash, recover expired leases, then forget pending
    /// events past their retention (a batch per pass).
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var lease = options.Value.LeaseDuration;
        foreach (var bookmark in await bookmarks.DueTimersAsync(500, options.Value.TimerWaitForEvents, cancellationToken))
        {
            var signal = new ResumeSignal { Name = BookmarkRequest.TimerName };
            if (await bookmarks.TryResumeAsync(bookmark, signal, null, lease, cancellationToken) is { } resumed)
            {
                runs.Enqueue(resumed);
            }
        }

        foreach (var instanceId in await bookmarks.InstancesWithPendingAsync(options.Value.PendingEventRetention, 500, cancellationToken))
        {
            if (await engine.ResumePendingAsync(instanceId, cancellationToken) is { } pendingLease)
            {
                runs.Enqueue(instanceId, pendingLease);
            }
        }

        foreach (var instanceId in await instances.ExpiredAsync(500, cancellationToken))
        {
            if (await instances.ClaimExpiredAsync(instanceId, lease, cancellationToken) is { } leaseId)
            {
                runs.Enqueue(instanceId, leaseId);
            }
        }

        await bookmarks.PurgePendingAsync(options.Value.PendingEventRetention, 1000, cancellationToken);
    }
}
