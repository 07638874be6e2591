using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Resumes suspended instances with the pending events their bookmarks match. A run that suspends looks for these
/// itself; this loop delivers those that a crash between its COMMIT and that look left behind.
/// </summary>
public sealed class PendingEventDeliveryLoop(
    BookmarkStore bookmarks, WorkflowEngine engine, RunWorkerPool runs, IOptions<WorkflowOptions> options, ILogger<PendingEventDeliveryLoop> logger)
    : PeriodicLoop(options.Value.TimerInterval, logger)
{
    protected override string Job => "pending event delivery";

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var instanceId in await bookmarks.InstancesWithPendingAsync(options.Value.PendingEventRetention, 500, cancellationToken))
        {
            if (await engine.ResumePendingAsync(instanceId, cancellationToken) is { } lease)
            {
                runs.Enqueue(instanceId, lease);
            }
        }
    }
}
