using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>Elsa.Delay: waits on a durable timer; it fires after a restart if it fell due while the hub was down.</summary>
[Activity("Elsa", "Scheduling", "Delay execution for the specified amount of time.")]
public sealed class Delay(TimeProvider clock) : IActivity
{
    [Input(Description = "How long to wait, e.g. 00:05:00 for five minutes.")] public Input<TimeSpan> TimeSpan { get; init; } = Input.Optional(System.TimeSpan.FromMinutes(1));

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Resume is not null ? Outcome.Done : Outcome.Suspend(BookmarkRequest.Timer(clock.GetUtcNow() + context.Get(TimeSpan))));
}
