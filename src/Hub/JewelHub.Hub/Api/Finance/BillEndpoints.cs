using System.Text.RegularExpressions;
using JewelHub.Canonical.Entities;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;

namespace JewelHub.Hub.Api.Finance;

/// <summary>Options for issuing a bill: the series (default the order's branch, upper case).</summary>
public sealed record IssueBillRequest(string? Series);

/// <summary>Why a bill is voided.</summary>
public sealed record VoidBillRequest(string? Reason);

/// <summary>
/// POST /api/orders/{id}/bill issues the order's bill (201, or 200 with the same bill on a repeat). A bill number
/// such as MUM/2026-27/000001 is addressed as /api/bills/MUM/2026-27/000001 or URL-encoded in one segment.
/// POST /api/bills/{number}/void voids an unpaid bill, keeping its number, and releases the order's pieces.
/// </summary>
public static partial class BillEndpoints
{
    public static RouteGroupBuilder MapBillEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/orders/{id}/bill", IssueAsync).WithTags("Finance").WithName("IssueBill");
        var group = api.MapGroup("/bills").WithTags("Finance");
        group.MapGet("/{series}/{year}/{sequence}", (string series, string year, string sequence, BillStore bills, CancellationToken ct) =>
            GetAsync($"{series}/{year}/{sequence}", bills, ct)).WithName("GetBill");
        group.MapGet("/{number}", (string number, BillStore bills, CancellationToken ct) => GetAsync(Uri.UnescapeDataString(number), bills, ct))
            .WithName("GetBillEncoded");
        group.MapPost("/{series}/{year}/{sequence}/void", (string series, string year, string sequence, VoidBillRequest? body, BillStore bills,
            InventoryStore inventory, EventStore events, Database db, CancellationToken ct) => VoidAsync($"{series}/{year}/{sequence}", body, bills, inventory, events, db, ct)).WithName("VoidBill");
        group.MapPost("/{number}/void", (string number, VoidBillRequest? body, BillStore bills, InventoryStore inventory, EventStore events, Database db, CancellationToken ct) =>
            VoidAsync(Uri.UnescapeDataString(number), body, bills, inventory, events, db, ct)).WithName("VoidBillEncoded");
        return group;
    }

    private static async Task<IResult> IssueAsync(
        string id,
        IssueBillRequest? body,
        OrderStore orders,
        BillStore bills,
        OrderPricer pricer,
        InventoryStore inventory,
        EventStore events,
        Database db,
        FinanceOptions options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (body?.Series is { } series && !SeriesPattern().IsMatch(series))
        {
            return FieldErrors.One("series", "must be 1 to 16 letters, digits or '-'");
        }

        var order = await orders.GetOrderAsync(id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (await bills.GetBillForOrderAsync(order.Id, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(existing);
        }

        if (order.Status == SalesOrderStatus.Cancelled)
        {
            return ConflictProblem.For("status", "the order is cancelled");
        }

        // Billing needs the pieces still held for this order: a hold that expired is taken again, or refused.
        var now = clock.GetUtcNow();
        var held = await inventory.ReserveAsync(order.Id, order.Branch, order.Lines, now.AddMinutes(options.DefaultHoldMinutes), cancellationToken);
        if (!held.Succeeded)
        {
            return OrderEndpoints.Unavailable(order, held.UnavailableSkus);
        }

        var pricing = await pricer.PriceAsync(order, cancellationToken);
        if (!pricing.Priced)
        {
            return ConflictProblem.For(pricing.Problems.ToDictionary(p => $"lines[{p.LineIndex}].sku", p => new[] { p.Message }, StringComparer.Ordinal));
        }

        // The bill and its bill.issued event commit together.
        var result = await db.InUnitAsync(async ct =>
        {
            var issue = await bills.IssueBillAsync(order.Id, pricing.Lines, body?.Series ?? order.Branch.ToUpperInvariant(), now, ct);
            if (issue is { Outcome: IssueBillOutcome.Issued, Bill: { } issued })
            {
                await events.PublishAsync(BillEvents.Issued(issued, order.Branch, BillEvents.ApiSource), ct);
            }

            return issue;
        }, cancellationToken);

        return result.Outcome switch
        {
            IssueBillOutcome.Issued => TypedResults.Created($"/api/bills/{result.Bill!.Number}", result.Bill),
            IssueBillOutcome.AlreadyIssued => TypedResults.Ok(result.Bill),
            IssueBillOutcome.OrderNotFound => TypedResults.NotFound(),
            IssueBillOutcome.OrderCancelled => ConflictProblem.For("status", "the order is cancelled"),
            _ => throw new InvalidOperationException($"Unhandled bill outcome {result.Outcome}."),
        };
    }

    private static async Task<IResult> GetAsync(string number, BillStore bills, CancellationToken cancellationToken) =>
        await bills.GetBillAsync(number, cancellationToken) is { } bill ? TypedResults.Ok(bill) : TypedResults.NotFound();

    private static async Task<IResult> VoidAsync(
        string number, VoidBillRequest? body, BillStore bills, InventoryStore inventory, EventStore events, Database db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return FieldErrors.One("reason", "is required");
        }

        // The void and the order's stock change commit together. A bill refunded in full after its pieces were sold
        // gives them back to stock; an unpaid bill's hold is let go. Voiding again repairs nothing twice.
        var reason = body.Reason.Trim();
        var result = await db.InUnitAsync(async ct =>
        {
            var voiding = await bills.VoidBillAsync(number, reason, ct);
            if (voiding is { Outcome: VoidBillOutcome.Voided, VoidedAt: { } at })
            {
                await events.PublishAsync(BillEvents.Voided(voiding.Bill!, reason, at, BillEvents.ApiSource), ct);
            }

            if (voiding.Outcome is VoidBillOutcome.Voided or VoidBillOutcome.AlreadyVoided)
            {
                await inventory.ReleaseAsync(voiding.Bill!.OrderId, "bill voided", ct);
                await inventory.ReturnSoldAsync(voiding.Bill.OrderId, "bill refunded and voided", ct);
            }

            return voiding;
        }, cancellationToken);

        return result.Outcome switch
        {
            VoidBillOutcome.NotFound => TypedResults.NotFound(),
            VoidBillOutcome.HasPayments => ConflictProblem.For("status", "money was received against this bill; refund it before voiding"),
            _ => TypedResults.Ok(result.Bill),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex SeriesPattern();
}
