using JewelHub.Canonical.Events;
using JewelHub.Hub.Hosting;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Events;
using JewelHub.Stores.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JewelHub.Hub.Api.Events;

/// <summary>POST /api/events: the entry point for canonical events from connectors, POS and workflows.</summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapPost("/", AcceptAsync).WithName("AcceptEvent");
        group.MapGet("/", ReadAsync).WithName("ReadEvents");
        return group;
    }

    /// <summary>
    /// Checks the envelope and the type's data (<see cref="EventDataCheck"/>), refuses a sale.recorded whose order id is
    /// taken by a different order, then stores the event durably and answers: 201 the first time, 200 for a repeat of
    /// the same (source, id).
    /// </summary>
    private static async Task<IResult> AcceptAsync(
        CloudEventRequest? body, EventStore events, OrderOperations orders, CrmStore customers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        if (body.SpecVersion != "1.0")
        {
            errors.Add("specversion", "must be \"1.0\"");
        }

        errors.Required(body.Id, "id");
        errors.Required(body.Source, "source");
        if (errors.Required(body.Type, "type") && !EventTypes.All.Contains(body.Type!))
        {
            errors.Add("type", $"'{body.Type}' is not a canonical event type (see docs/EVENTS.md)");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        foreach (var error in EventDataCheck.Check(body.Type!, body.Data, clock.GetUtcNow()))
        {
            errors.Add(error.Field, error.Message);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (body.Type == EventTypes.SaleRecorded && EventJson.ReadData<SaleRecordedData>(body.ToCloudEvent()) is var sale)
        {
            var order = OrderOperations.OrderOf(sale, await KnownCustomerAsync(customers, sale, cancellationToken));
            switch (await orders.FindIdUseAsync(order, cancellationToken))
            {
                case OrderIdUse.OtherOrder:
                    return ConflictProblem.For("data.orderId", "is already used by a different order (other lines, branch, place of supply or customer); a sale cannot reuse it");
                case OrderIdUse.SameOrder when !await events.ExistsAsync(body.Source!, body.Id!, cancellationToken):
                    // The sale is already recorded under another event id: a replay. Storing it again would start a
                    // second sale run for the same order, so it is answered as the duplicate it is.
                    return TypedResults.Ok(new EventAcceptedResponse(null, body.Source!, body.Id!, body.Type!, true,
                        $"order {order.Id} is already recorded; a sale is recorded once per order id"));
            }
        }

        var (stored, created) = await events.AppendAsync(body.ToCloudEvent(), cancellationToken);
        var answer = new EventAcceptedResponse(stored.Seq, stored.Source, stored.Id, stored.Type, !created, null);
        return created ? TypedResults.Created($"/api/events/{stored.Seq}", answer) : TypedResults.Ok(answer);
    }

    /// <summary>The answer to an accepted event: its place in the log, or null for a replay that was not stored again.</summary>
    public sealed record EventAcceptedResponse(long? Seq, string Source, string Id, string Type, bool Duplicate, string? Detail);

    // The canonical customer the sale's own references already name, if any.
    private static async Task<Guid?> KnownCustomerAsync(CrmStore customers, SaleRecordedData sale, CancellationToken cancellationToken)
    {
        foreach (var reference in sale.Customer?.References ?? [])
        {
            if (await customers.FindByReferenceAsync(reference.System, reference.ExternalId, cancellationToken) is { } known)
            {
                return known.Id;
            }
        }

        return null;
    }

    private static async Task<Ok<IReadOnlyList<StoredEvent>>> ReadAsync(EventStore events, long? after, int? take, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.ReadAfterAsync(after ?? 0, Math.Clamp(take ?? 100, 1, 1000), cancellationToken));
}
