using JewelHub.Workflows.ActivityModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Fires due timers, also those that fell due while the hub was down. A timer waits (at most
/// <see cref="WorkflowOptions.TimerWaitForEvents"/>) until the trigger loop has read every event accepted before its
/// due time, so a payment that came in time beats its timeout.
/// </summary>
public sealed class DueTimerLoop(BookmarkStore bookmarks, RunWorkerPool runs, IOptions<WorkflowOptions> options, ILogger<DueTimerLoop> logger)
    : PeriodicLoop(options.Value.TimerInterval, logger)
{
    protected override string Job => "due timer";

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var bookmark in await bookmarks.DueTimersAsync(500, options.Value.TimerWaitForEvents, cancellationToken))
        {
            var signal = new ResumeSignal { Name = BookmarkRequest.TimerName };
            if (await bookmarks.TryResumeAsync(bookmark, signal, null, options.Value.LeaseDuration, cancellationToken) is { } resumed)
            {
                runs.Enqueue(resumed);
            }
        }
    }
}
