using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Holding stock for an order, releasing it and selling it.</summary>
internal static class ReservationEndpoints
{
    /// <summary>201 when this call reserved, 200 when the order already held a reservation, 409 naming each line not available.</summary>
    public static async Task<IResult> ReserveAsync(
        ReservationRequest? body, InventoryStore store, Database db, TimeProvider clock, IOptions<InventoryOptions> options, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        if (body.Validate(errors) is not { } lines)
        {
            return errors.ToProblem();
        }

        var expiresAt = clock.GetUtcNow().AddMinutes(body.HoldMinutes ?? options.Value.DefaultHoldMinutes);
        var result = await db.InUnitAsync((unit, ct) => store.ReserveAsync(unit, body.OrderId!, body.Branch!.Trim(), lines, expiresAt, ct), cancellationToken);
        if (result.Outcome == ReservationOutcome.Unavailable)
        {
            var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var i = 0; i < lines.Count; i++)
            {
                if (result.UnavailableSkus.Contains(lines[i].Sku, StringComparer.Ordinal))
                {
                    missing[$"lines[{i}].sku"] = [$"{lines[i].Sku} is not available in quantity {lines[i].Quantity} at {body.Branch}"];
                }
            }

            return Results.ValidationProblem(missing, statusCode: StatusCodes.Status409Conflict, title: "Not available.");
        }

        var answer = new { body.OrderId, result.Outcome, result.Lines };
        return result.Outcome == ReservationOutcome.Reserved
            ? TypedResults.Created($"/api/reservations/{Uri.EscapeDataString(body.OrderId!)}", answer)
            : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetAsync(string orderId, InventoryStore store, CancellationToken cancellationToken) =>
        await store.GetReservationAsync(orderId, cancellationToken) is { Count: > 0 } lines
            ? TypedResults.Ok(new { OrderId = orderId, Lines = lines })
            : TypedResults.NotFound();

    /// <summary>Releases what the order holds; 200 with the number of lines released (0 on a repeat).</summary>
    public static async Task<IResult> ReleaseAsync(string orderId, InventoryStore store, Database db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { OrderId = orderId, Released = await db.InUnitAsync((unit, ct) => store.ReleaseAsync(unit, orderId, "released through the API", ct), cancellationToken) });

    /// <summary>Sells what the order holds: 200 (also on a repeat), 409 naming orderId when it holds nothing.</summary>
    public static async Task<IResult> CommitAsync(string orderId, InventoryStore store, Database db, CancellationToken cancellationToken)
    {
        var result = await db.InUnitAsync((unit, ct) => store.CommitSaleAsync(unit, orderId, ct), cancellationToken);
        return result.Outcome == SaleCommitOutcome.NothingReserved
            ? ConflictProblem.For("orderId", "holds no reservation: it was never made, was released or has expired", "Nothing reserved.")
            : TypedResults.Ok(new { OrderId = orderId, result.Outcome, result.Lines });
    }
}
