using System.Globalization;
using System.Text;
using System.Text.Json;
using JewelHub.Hub.Hosting;
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

    private static async Task<IResult> ListAsync(
        InboxStore inbox, string? connector, string? topic, string? from, string? to, string? reason, int? take, CancellationToken cancellationToken)
    {
        if (!TryFilter(connector, topic, from, to, reason, out var filter, out var problem))
        {
            return problem;
        }

        var rows = await inbox.DeadLettersAsync(filter, Math.Clamp(take ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeliverySummary>>(rows.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<DeliveryDetail>, NotFound>> GetAsync(InboxStore inbox, long seq, CancellationToken cancellationToken) =>
        await inbox.GetAsync(seq, cancellationToken) is { } row
            ? TypedResults.Ok(new DeliveryDetail(row.Seq, row.Connector, row.DeliveryId, row.Topic, row.ReceivedAt, row.Status, row.Attempts, row.LastError,
                row.ProcessedAt, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Headers)!, Encoding.UTF8.GetString(row.Body)))
            : TypedResults.NotFound();

    private static async Task<IResult> ReplayManyAsync(
        InboxStore inbox, InboxDispatcher dispatcher, TimeProvider clock, string? connector, string? topic, string? from, string? to, string? reason,
        CancellationToken cancellationToken)
    {
        if (!TryFilter(connector, topic, from, to, reason, out var filter, out var problem))
        {
            return problem;
        }

        var replayed = await inbox.ReplayAsync(filter, null, clock.GetUtcNow(), cancellationToken);
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

    private static bool TryFilter(
        string? connector, string? topic, string? from, string? to, string? reason, out DeadLetterFilter filter, out IResult problem)
    {
        var errors = new FieldErrors();
        var start = Time(errors, from, "from");
        var end = Time(errors, to, "to");
        filter = new DeadLetterFilter(Given(connector), Given(topic), start, end, Given(reason));
        problem = errors.Any ? errors.ToProblem() : TypedResults.Ok();
        return !errors.Any;
    }

    // An ISO 8601 time with its offset, as the answers write them (2026-12-08T10:00:00Z); nothing looser.
    private static DateTimeOffset? Time(FieldErrors errors, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length >= 20 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return time;
        }

        errors.Add(field, "must be an ISO 8601 time with its offset, e.g. 2026-12-08T10:00:00Z");
        return null;
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static DeliverySummary Summary(InboxRow row) =>
        new(row.Seq, row.Connector, row.DeliveryId, row.Topic, row.ReceivedAt, row.Status, row.Attempts, row.LastError);
}
