using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JewelHub.Hub.Webhooks;

/// <summary>
/// <c>/api/webhooks</c>: deliveries that failed every attempt (dead letters), listed by connector, topic, time received
/// and reason, each readable with its stored body and error, and replayable one by one or by filter. A replayed delivery
/// keeps its delivery id, so its events keep their ids and nothing it already caused happens twice.
/// </summary>
public static class DeadLetterEndpoints
{
    public static RouteGroupBuilder MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapGet("/dead-letters", ListAsync).WithName("ListDeadLetters");
        group.MapPost("/dead-letters/replay", ReplayManyAsync).WithName("ReplayDeadLetters");
        group.MapPost("/dead-letters/{seq:long}/replay", ReplayOneAsync).WithName("ReplayDeadLetter");
        group.MapGet("/deliveries/{seq:long}", GetAsync).WithName("GetDelivery");
        return group;
    }

    /// <summary>A delivery in a list: what it is and why it failed, without its body.</summary>
    public sealed record DeliverySummary(long Seq, string Connector, string DeliveryId, string? Topic, DateTimeOffset ReceivedAt, string Status, int Attempts, string? Reason);

    /// <summary>One stored delivery in full: its kept headers and its body as it arrived (as text).</summary>
    public sealed record DeliveryDetail(
        long Seq, string Connector, string DeliveryId, string? Topic, DateTimeOffset ReceivedAt, string Status, int Attempts, string? Reason,
        DateTimeOffset? ProcessedAt, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>How many dead letters a replay put back in line.</summary>
    public sealed record ReplayResult(int Replayed);

    private static async Task<Ok<IReadOnlyList<DeliverySummary>>> ListAsync(
        InboxStore inbox, string? connector, string? topic, DateTimeOffset? from, DateTimeOffset? to, string? reason, int? take, CancellationToken cancellationToken)
    {
        var rows = await inbox.DeadLettersAsync(new DeadLetterFilter(connector, topic, from, to, reason), Math.Clamp(take ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeliverySummary>>(rows.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<DeliveryDetail>, NotFound>> GetAsync(InboxStore inbox, long seq, CancellationToken cancellationToken) =>
        await inbox.GetAsync(seq, cancellationToken) is { } row
            ? TypedResults.Ok(new DeliveryDetail(row.Seq, row.Connector, row.DeliveryId, row.Topic, row.ReceivedAt, row.Status, row.Attempts, row.LastError,
                row.ProcessedAt, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Headers)!, Encoding.UTF8.GetString(row.Body)))
            : TypedResults.NotFound();

    private static async Task<Ok<ReplayResult>> ReplayManyAsync(
        InboxStore inbox, InboxDispatcher dispatcher, TimeProvider clock, string? connector, string? topic, DateTimeOffset? from, DateTimeOffset? to, string? reason,
        CancellationToken cancellationToken)
    {
        var replayed = await inbox.ReplayAsync(new DeadLetterFilter(connector, topic, from, to, reason), null, clock.GetUtcNow(), cancellationToken);
        dispatcher.Wake();
        return TypedResults.Ok(new ReplayResult(replayed));
    }

    private static async Task<Results<Ok<ReplayResult>, NotFound>> ReplayOneAsync(
        InboxStore inbox, InboxDispatcher dispatcher, TimeProvider clock, long seq, CancellationToken cancellationToken)
    {
        var replayed = await inbox.ReplayAsync(new DeadLetterFilter(null, null, null, null, null), seq, clock.GetUtcNow(), cancellationToken);
        dispatcher.Wake();
        return replayed == 0 ? TypedResults.NotFound() : TypedResults.Ok(new ReplayResult(replayed));
    }

    private static DeliverySummary Summary(InboxRow row) =>
        new(row.Seq, row.Connector, row.DeliveryId, row.Topic, row.ReceivedAt, row.Status, row.Attempts, row.LastError);
}
