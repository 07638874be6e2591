using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Runs leased instances on a bounded number of workers. Anything queued here is already committed as Running with a
/// lease, so a crash loses nothing: the recovery loop takes the instance over when the lease expires.
/// </summary>
public sealed class RunWorkerPool(WorkflowEngine engine, IOptions<WorkflowOptions> options, ILogger<RunWorkerPool> logger) : BackgroundService
{
    private readonly Channel<(string InstanceId, string LeaseId, WorkflowInstance? Leased)> _runs =
        Channel.CreateUnbounded<(string, string, WorkflowInstance?)>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Queues a leased instance to run.</summary>
    public void Enqueue(string instanceId, string leaseId) => _runs.Writer.TryWrite((instanceId, leaseId, null));

    /// <summary>Queues an instance the caller has just started or resumed, to run from the state it wrote.</summary>
    public void Enqueue(WorkflowInstance leased) => _runs.Writer.TryWrite((leased.Id, leased.LeaseId!, leased));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentRuns).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var (instanceId, leaseId, leased) in _runs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await (leased is null ? engine.RunAsync(instanceId, leaseId, stoppingToken) : engine.RunAsync(leased, stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                WorkflowsLog.RunFailed(logger, exception, instanceId);
            }
        }
    }
}
