using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Holds every line of a sale at its branch, all or nothing, and records the sale as an order. Idempotent by order id:
/// a replay finds the same hold and the same order.
/// </summary>
[Activity("JewelHub", "Inventory", "Hold every piece of the sale at its branch so nobody else can sell it, and record the order. If any line is not available nothing is held and the flow takes Out Of Stock.",
    Outcomes = ["Reserved", "OutOfStock"], HasEffects = true)]
public sealed class ReserveStock(OrderOperations orders, FinanceOptions options, TimeProvider clock) : IActivity
{
    [Input(Description = "The sale (order id, branch, place of supply, lines). Empty: the sale that started this workflow.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Sale { get; init; } = Input.Optional<JsonNode?>();

    [Input(Description = "The customer id from Upsert Customer, if any.", DefaultSyntax = "JavaScript")]
    public Input<string?> CustomerId { get; init; } = Input.Optional<string?>();

    [Input(Description = "How many minutes the pieces stay held waiting for payment; 0 uses the sale's hold time or the shop's default.")]
    public Input<int> HoldMinutes { get; init; } = Input.Optional(0);

    [Output(Description = "The order id.")] public Output<string> OrderId { get; init; } = new();

    [Output(Description = "The SKUs that could not be held (on Out Of Stock).")] public Output<IReadOnlyList<string>> UnavailableSkus { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var sale = HubData.Read<SaleRecordedData>(context, Sale);
        context.Set(OrderId, sale.OrderId);
        var minutes = context.Get(HoldMinutes) is > 0 and var given ? given : sale.HoldMinutes ?? options.DefaultHoldMinutes;
        var order = OrderOperations.OrderOf(sale, Guid.TryParse(context.Get(CustomerId), out var customer) ? customer : null);
        var result = await orders.RecordAndHoldAsync(context.Unit, order, clock.GetUtcNow().AddMinutes(minutes), cancellationToken);
        if (result.Outcome == RecordOrderOutcome.IdTaken)
        {
            throw new InvalidOperationException($"Order {sale.OrderId} already exists with other lines; a sale cannot reuse its id.");
        }

        context.Set(UnavailableSkus, result.UnavailableSkus);
        if (result.Outcome == RecordOrderOutcome.Unavailable)
        {
            return Outcome.Port("OutOfStock", result.UnavailableSkus);
        }

        return Outcome.Port("Reserved");
    }
}
