using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Events;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>
/// Elsa.PublishEvent: appends a canonical event to the hub's event log, where it can start or resume workflows. The
/// event id is the activity's idempotency key, so a replayed step publishes nothing new. A canonical type's data is
/// checked as POST /api/events checks it (<see cref="EventDataCheck"/>); data that would be refused there faults the step.
/// </summary>
[Activity("Elsa", "Primitives", "Publish an event to the hub's event log.", HasEffects = true)]
public sealed class PublishEvent(EventStore events, TimeProvider clock) : IActivity
{
    /// <summary>The source of events that workflows publish.</summary>
    public const string Source = "/workflows";

    [Input(Description = "The canonical event type, e.g. stock.low.")] public Input<string> EventName { get; init; } = Input.Required<string>();

    [Input(Description = "What the event is about (its subject), e.g. a bill number.")] public Input<string> Correlation { get; init; } = Input.Optional("");

    [Input(Description = "The event's data, as JSON.", UIHint = "json-editor")] public Input<JsonNode?> Payload { get; init; } = Input.Optional<JsonNode?>();

    public ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var payload = context.Get(Payload);
        var type = context.Get(EventName);
        var data = payload is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(payload.ToJsonString());
        var now = clock.GetUtcNow();
        if (EventDataCheck.Check(type, data, now) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException(
                $"The {type} event's payload would be refused at the door: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}.");
        }

        events.Publish(context.Unit, new CloudEvent
        {
            Id = context.IdempotencyKey,
            Source = Source,
            Type = type,
            Subject = context.Get(Correlation) is { Length: > 0 } subject ? subject : null,
            Time = now,
            Data = data,
        });
        return ValueTask.FromResult(Outcome.Done);
    }
}
