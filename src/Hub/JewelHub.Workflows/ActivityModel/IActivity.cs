namespace JewelHub.Workflows.ActivityModel;

/// <summary>A workflow step. Created per execution through DI; inputs come from <see cref="ActivityContext"/>.</summary>
public interface IActivity
{
    /// <summary>Runs the step (again, with <see cref="ActivityContext.Resume"/> set, after a bookmark matched).</summary>
    ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}
