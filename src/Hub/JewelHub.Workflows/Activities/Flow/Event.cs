using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>
/// Elsa.Event: waits for a canonical event (e.g. payment.captured) about a correlation (e.g. a bill number). With
/// canStartWorkflow it is the workflow's trigger: the event starts an instance here.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The class name is the Elsa type name (Elsa.Event) that workflow JSON uses.")]
[Activity("Elsa", "Primitives", "Wait for an event of the given type, optionally about one correlation key; as a trigger, start the workflow on it.", Kind = ActivityKind.Trigger)]
public sealed class Event : IActivity
{
    [Input(Description = "The event type to wait for, e.g. payment.captured.")] public Input<string> EventName { get; init; } = Input.Required<string>();

    [Input(Description = "What the event must be about (its subject, bill number or order id); empty for any.")]
    public Input<string> Correlation { get; init; } = Input.Optional("");

    [Output(Description = "The data of the event that arrived.")] public Output<System.Text.Json.Nodes.JsonNode?> Result { get; init; } = new();

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (context.Resume is { } resume)
        {
            context.Set(Result, resume.Event?["data"]?.DeepClone());
            return ValueTask.FromResult(Outcome.Done);
        }

        return ValueTask.FromResult(Outcome.Suspend(new BookmarkRequest(context.Get(EventName), context.Get(Correlation) ?? "")));
    }
}
