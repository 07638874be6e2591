using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Operations;

/// <summary>What issuing an order's bill did.</summary>
public sealed record IssueBillOperationResult(OrderBillResult Bill, IReadOnlyList<string> UnavailableSkus)
{
    /// <summary>True when the order's pieces could not be held again to bill them: nothing was billed.</summary>
    public bool Unavailable => UnavailableSkus.Count > 0;
}

/// <summary>
/// Issuing and voiding bills: the one implementation the bills API and the Issue Bill and Void Bill steps share. Each
/// publishes its canonical event (bill.issued, bill.voided) in the caller's unit, so the bill and its event commit
/// together.
/// </summary>
public sealed class BillOperations(BillStore bills, InventoryStore inventory, OrderPricer pricer, EventStore events, FinanceOptions options, TimeProvider clock)
{
    /// <summary>
    /// Issues the order's bill at the current rates (<see cref="BillStore.IssueBillAtCurrentRatesAsync"/>), numbered in
    /// <paramref name="series"/> (default the branch in capitals), and publishes bill.issued from <paramref name="source"/>.
    /// Billing needs the order's pieces held: a hold that was released or expired is taken again, or the bill is refused
    /// with the SKUs that could not be held. A second call answers with the first bill.
    /// </summary>
    public async Task<IssueBillOperationResult> IssueAsync(UnitOfWork unit, string orderId, string? series, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = await bills.IssueBillAtCurrentRatesAsync(unit, orderId, series, pricer, requireHold: true, now, cancellationToken);
        if (result is { Outcome: IssueBillOutcome.NotHeld, Order: { } order })
        {
            var held = await inventory.ReserveAsync(unit, order.Id, order.Branch, order.Lines, now.AddMinutes(options.DefaultHoldMinutes), cancellationToken);
            if (!held.Succeeded)
            {
                return new IssueBillOperationResult(result, held.UnavailableSkus);
            }

            result = await bills.IssueBillAtCurrentRatesAsync(unit, orderId, series, pricer, requireHold: false, now, cancellationToken);
        }

        if (result is { Outcome: IssueBillOutcome.Issued, Bill: { } bill, Order: { } billed })
        {
            events.Publish(unit, BillEvents.Issued(bill, billed.Branch, source));
        }

        return new IssueBillOperationResult(result, []);
    }

    /// <summary>
    /// Voids a bill without money on it and publishes bill.voided from <paramref name="source"/>; the order's stock
    /// changes with it: a hold the order still has is let go, and pieces and quantities it sold (a bill refunded in full
    /// after its sale) come back into stock. Voiding again repairs nothing twice.
    /// </summary>
    public async Task<VoidBillResult> VoidAsync(UnitOfWork unit, string number, string reason, string source, CancellationToken cancellationToken)
    {
        var voiding = await bills.VoidBillAsync(unit, number, reason, cancellationToken);
        if (voiding is { Outcome: VoidBillOutcome.Voided, Bill: { } voided, VoidedAt: { } at })
        {
            events.Publish(unit, BillEvents.Voided(voided, reason, at, source));
        }

        if (voiding is { Outcome: VoidBillOutcome.Voided or VoidBillOutcome.AlreadyVoided, Bill: { } bill })
        {
            await inventory.ReleaseAsync(unit, bill.OrderId, "bill voided", cancellationToken);
            await inventory.ReturnSoldAsync(unit, bill.OrderId, "bill refunded and voided", cancellationToken);
        }

        return voiding;
    }
}
