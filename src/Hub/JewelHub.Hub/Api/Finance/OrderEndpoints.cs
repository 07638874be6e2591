using JewelHub.Canonical.Entities;
using JewelHub.Hub.Hosting;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;

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
        OrderRequest? body, OrderStore orders, InventoryStore inventory, FinanceOptions options, TimeProvider clock, CancellationToken cancellationToken)
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

        if (await orders.GetOrderAsync(order.Id, cancellationToken) is { } existing)
        {
            return SameOrder(existing, order) ? TypedResults.Ok(existing) : ConflictProblem.For("id", "is already used by a different order");
        }

        var expiresAt = clock.GetUtcNow().AddMinutes(body.HoldMinutes ?? options.DefaultHoldMinutes);
        var reservation = await inventory.ReserveAsync(order.Id, order.Branch, order.Lines, expiresAt, cancellationToken);
        if (!reservation.Succeeded)
        {
            return Unavailable(order, reservation.UnavailableSkus);
        }

        var (stored, created) = await orders.CreateOrderAsync(order, cancellationToken);
        return created ? TypedResults.Created($"/api/orders/{Uri.EscapeDataString(stored.Id)}", stored) : TypedResults.Ok(stored);
    }

    private static async Task<IResult> GetAsync(string id, OrderStore orders, CancellationToken cancellationToken) =>
        await orders.GetOrderAsync(id, cancellationToken) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    private static async Task<IResult> ReleaseAsync(string id, OrderStore orders, InventoryStore inventory, CancellationToken cancellationToken)
    {
        if (await orders.GetOrderAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (!await orders.CancelAsync(id, cancellationToken))
        {
            return ConflictProblem.For("status", "the order is billed; void its bill to release it");
        }

        var released = await inventory.ReleaseAsync(id, "order released", cancellationToken);
        return TypedResults.Ok(new { Order = await orders.GetOrderAsync(id, cancellationToken), ReleasedLines = released });
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

    private static bool SameOrder(SalesOrder stored, SalesOrder asked) =>
        stored.Branch == asked.Branch && stored.PlaceOfSupply == asked.PlaceOfSupply && stored.Lines.SequenceEqual(asked.Lines);
}
