using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>Forgets pending events older than <see cref="WorkflowOptions.PendingEventRetention"/>, a batch per pass.</summary>
public sealed class PendingEventPurgeLoop(BookmarkStore bookmarks, IOptions<WorkflowOptions> options, ILogger<PendingEventPurgeLoop> logger)
    : PeriodicLoop(options.Value.TimerInterval, logger)
{
    protected override string Job => "pending event purge";

    public override Task RunOnceAsync(CancellationToken cancellationToken) =>
        bookmarks.PurgePendingAsync(options.Value.PendingEventRetention, 1000, cancellationToken);
}
