using JewelHub.Canonical.Entities;
using JewelHub.Hub.Hosting;
using JewelHub.Stores.Crm;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Operations;

namespace JewelHub.Hub.Api.Finance;

/// <summary>
/// POST /api/orders records an order and reserves every line in inventory, all or nothing (idempotent by order id);
/// GET /api/orders/{id}; POST /api/orders/{id}/release gives the pieces back and cancels the order.
/// </summary>
public static class OrderEndpoints
{
    private static readonly string[] NotAvailable = ["is not available"];

    public static RouteGroupBuilder MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Finance");
        group.MapPost("/", CreateAsync).WithName("CreateOrder");
        group.MapGet("/{id}", GetAsync).WithName("GetOrder");
        group.MapPost("/{id}/release", ReleaseAsync).WithName("ReleaseOrder");
        return group;
    }

    private static async Task<IResult> CreateAsync(
        OrderRequest? body, OrderOperations orders, CrmStore customers, Database db, FinanceOptions options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        var order = body.Validate(errors);
        if (order is null)
        {
            return errors.ToProblem();
        }

        // An order names a customer the hub knows, or none.
        if (order.CustomerId is { } customerId && await customers.GetAsync(customerId, cancellationToken) is null)
        {
            return FieldErrors.One("customerId", "no customer has this id; record the customer first (POST /api/customers) or leave customerId out");
        }

        var holdUntil = clock.GetUtcNow().AddMinutes(body.HoldMinutes ?? options.DefaultHoldMinutes);
        var result = await db.InUnitAsync((unit, ct) => orders.RecordAndHoldAsync(unit, order, holdUntil, ct), cancellationToken);
        return result.Outcome switch
        {
            RecordOrderOutcome.Recorded => TypedResults.Created($"/api/orders/{Uri.EscapeDataString(result.Order!.Id)}", result.Order),
            RecordOrderOutcome.AlreadyRecorded => TypedResults.Ok(result.Order),
            RecordOrderOutcome.IdTaken => ConflictProblem.For("id", "is already used by a different order"),
            _ => Unavailable(order, result.UnavailableSkus),
        };
    }

    private static async Task<IResult> GetAsync(string id, OrderStore orders, CancellationToken cancellationToken) =>
        await orders.GetOrderAsync(id, cancellationToken) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    private static async Task<IResult> ReleaseAsync(string id, OrderStore orders, InventoryStore inventory, Database db, CancellationToken cancellationToken)
    {
        if (await orders.GetOrderAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        // The order is cancelled and its hold let go together.
        var released = await db.InUnitAsync(async (unit, ct) =>
            await orders.CancelAsync(unit, id, ct) ? await inventory.ReleaseAsync(unit, id, "order released", ct) : (int?)null, cancellationToken);
        return released is null
            ? ConflictProblem.For("status", "the order is billed; void its bill to release it")
            : TypedResults.Ok(new { Order = await orders.GetOrderAsync(id, cancellationToken), ReleasedLines = released });
    }

    /// <summary>A 409 naming lines[i].sku for each line that could not be held.</summary>
    internal static IResult Unavailable(SalesOrder order, IReadOnlyCollection<string> skus)
    {
        var errors = order.Lines
            .Select((line, index) => (line.Sku, Field: $"lines[{index}].sku"))
            .Where(line => skus.Contains(line.Sku, StringComparer.Ordinal))
            .ToDictionary(line => line.Field, _ => NotAvailable, StringComparer.Ordinal);
        return ConflictProblem.For(errors.Count > 0 ? errors : new Dictionary<string, string[]>(StringComparer.Ordinal) { ["lines"] = ["are not available"] });
    }
}
