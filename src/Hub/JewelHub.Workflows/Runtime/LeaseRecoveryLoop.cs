using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Takes over Running instances whose lease expired (their runner crashed or stopped) and runs them again from their
/// last committed step, which is how a crash at any point resumes.
/// </summary>
public sealed class LeaseRecoveryLoop(WorkflowInstanceStore instances, RunWorkerPool runs, IOptions<WorkflowOptions> options, ILogger<LeaseRecoveryLoop> logger)
    : PeriodicLoop(options.Value.TimerInterval, logger)
{
    protected override string Job => "lease recovery";

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var instanceId in await instances.ExpiredAsync(500, cancellationToken))
        {
            if (await instances.ClaimExpiredAsync(instanceId, options.Value.LeaseDuration, cancellationToken) is { } leaseId)
            {
                runs.Enqueue(instanceId, leaseId);
            }
        }
    }
}
