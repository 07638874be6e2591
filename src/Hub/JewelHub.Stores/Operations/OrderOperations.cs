using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Operations;

/// <summary>What recording an order did.</summary>
public enum RecordOrderOutcome
{
    /// <summary>The order is recorded and every line held.</summary>
    Recorded,

    /// <summary>The same order was recorded before: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>Another order already has this id, with other lines, branch, place of supply or customer: nothing changed.</summary>
    IdTaken,

    /// <summary>A line could not be held: nothing changed.</summary>
    Unavailable,
}

/// <summary>The outcome, the stored order, and the SKUs that could not be held.</summary>
public sealed record RecordOrderResult(RecordOrderOutcome Outcome, SalesOrder? Order, IReadOnlyList<string> UnavailableSkus);

/// <summary>Recording a sales order and holding its stock: the one implementation the orders API and the Reserve Stock step share.</summary>
public sealed class OrderOperations(OrderStore orders, InventoryStore inventory)
{
    /// <summary>
    /// Holds every line of the order at its branch until <paramref name="holdUntil"/> and records the order, all or
    /// nothing, in <paramref name="unit"/>. Idempotent by order id: the same order again answers AlreadyRecorded; an id
    /// already used by a different order is refused, never merged into it.
    /// </summary>
    public async Task<RecordOrderResult> RecordAndHoldAsync(UnitOfWork unit, SalesOrder order, DateTimeOffset holdUntil, CancellationToken cancellationToken)
    {
        if (await orders.GetOrderAsync(unit, order.Id, cancellationToken) is { } existing)
        {
            return SameOrder(existing, order)
                ? new RecordOrderResult(RecordOrderOutcome.AlreadyRecorded, existing, [])
                : new RecordOrderResult(RecordOrderOutcome.IdTaken, existing, []);
        }

        var held = await inventory.ReserveAsync(unit, order.Id, order.Branch, order.Lines, holdUntil, cancellationToken);
        if (!held.Succeeded)
        {
            return new RecordOrderResult(RecordOrderOutcome.Unavailable, null, held.UnavailableSkus);
        }

        var (stored, created) = await orders.CreateOrderAsync(unit, order, cancellationToken);
        return new RecordOrderResult(created ? RecordOrderOutcome.Recorded : RecordOrderOutcome.AlreadyRecorded, stored, []);
    }

    /// <summary>
    /// How <paramref name="order"/>'s id is used today: by no order, by this very order (a replay of its sale), or by a
    /// different order (other lines, branch, place of supply or customer), so that recording it would be refused. The
    /// events API asks before it accepts a sale.recorded.
    /// </summary>
    public async Task<OrderIdUse> FindIdUseAsync(SalesOrder order, CancellationToken cancellationToken) =>
        await orders.GetOrderAsync(order.Id, cancellationToken) switch
        {
            null => OrderIdUse.Free,
            var existing when SameOrder(existing, order) => OrderIdUse.SameOrder,
            _ => OrderIdUse.OtherOrder,
        };

    /// <summary>The order a sale.recorded asks for, for <paramref name="customerId"/> when the customer is known.</summary>
    public static SalesOrder OrderOf(SaleRecordedData sale, Guid? customerId)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return new SalesOrder
        {
            Id = sale.OrderId,
            CustomerId = customerId,
            Branch = sale.Branch,
            PlaceOfSupply = sale.PlaceOfSupply.ToUpperInvariant(),
            Lines = [.. sale.Lines.Select(line => new SalesOrderLine(line.Sku, line.Quantity))],
        };
    }

    // The same order: branch, place of supply and lines agree, and so does the customer when both name one.
    private static bool SameOrder(SalesOrder stored, SalesOrder given) =>
        stored.Branch == given.Branch && stored.PlaceOfSupply == given.PlaceOfSupply && stored.Lines.SequenceEqual(given.Lines)
        && (stored.CustomerId is null || given.CustomerId is null || stored.CustomerId == given.CustomerId);
}

/// <summary>How an order id is used by the orders already recorded.</summary>
public enum OrderIdUse
{
    /// <summary>No order has the id.</summary>
    Free,
    /// <summary>The same order (branch, place of supply, lines, customer) is recorded under the id.</summary>
    SameOrder,
    /// <summary>A different order is recorded under the id.</summary>
    OtherOrder,
}
