using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Finance;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Books the cost of received stock: Dr inventory, Cr supplier payables; once per receipt id.</summary>
[Activity("JewelHub", "Finance", "Book the cost of the stock received into the ledger (stock in hand up, amount owed to the supplier up). Receipts without costs are not booked.",
    HasEffects = true)]
public sealed class PostReceiptToLedger(LedgerStore ledger) : IActivity
{
    [Input(Description = "The stock.received data. Empty: the data of the event that started this workflow.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Receipt { get; init; } = Input.Optional<JsonNode?>();

    [Output(Description = "The cost booked, in the receipt's currency; 0 when the receipt had no costs.")] public Output<decimal> Cost { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var data = HubData.Read<StockReceivedData>(context, Receipt);
        var cost = new Money(data.Lines.Sum(line => line.Cost ?? 0m), Currency.Parse(data.Currency));
        if (cost.Amount > 0m)
        {
            await ledger.PostAsync(context.Unit, $"receipt:{data.ReceiptId}", $"Stock received {data.ReceiptId} from {data.Supplier}",
                [LedgerLine.Dr(LedgerAccounts.Inventory, cost), LedgerLine.Cr(LedgerAccounts.SupplierPayables, cost)], cancellationToken);
        }

        return context.Done(Cost, cost.Amount);
    }
}
