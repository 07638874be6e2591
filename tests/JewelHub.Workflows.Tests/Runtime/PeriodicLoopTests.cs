using JewelHub.Storage;
using JewelHub.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>Each background job of the runtime is a hosted loop of its own, shared with whoever resolves it.</summary>
public sealed class PeriodicLoopTests
{
    [Fact]
    public async Task AddWorkflows_EachLoop_HostedOnceAsTheSingletonOfItsType()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(DatabaseProvider.Sqlite, [], ct);
        var hosted = hub.Server.Services.GetServices<IHostedService>().ToList();

        Type[] loops = [typeof(WorkflowTriggerLoop), typeof(DueTimerLoop), typeof(PendingEventDeliveryLoop), typeof(LeaseRecoveryLoop), typeof(PendingEventPurgeLoop)];

        Assert.All(loops, loop => Assert.Same(hub.Server.Services.GetRequiredService(loop), Assert.Single(hosted, h => h.GetType() == loop)));
        Assert.Equal(loops.Length - 1, hosted.Count(h => h is PeriodicLoop));
    }
}
