using System.Text.Json.Nodes;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Takes a goods received note into a branch: new tagged pieces and more units of stock items. Idempotent by receipt id.</summary>
[Activity("JewelHub", "Inventory", "Book pieces and stock items received from a supplier or karigar into the branch. Takes Rejected when a tag or HUID is already in use or an item is unknown.",
    Outcomes = ["Done", "Rejected"], HasEffects = true)]
public sealed class ReceiveStock(StockOperations stock) : IActivity
{
    [Input(Description = "The stock.received data. Empty: the data of the event that started this workflow.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Receipt { get; init; } = Input.Optional<JsonNode?>();

    [Input(Description = "Making charge per gram, in rupees, given to received pieces until you set their own.")]
    public Input<decimal> MakingChargePerGram { get; init; } = Input.Optional(0m);

    [Output(Description = "The branch that received the stock.")] public Output<string> Branch { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var data = HubData.Read<StockReceivedData>(context, Receipt);
        context.Set(Branch, data.Branch);
        var making = new MakingCharge(MakingChargeMode.PerGram, context.Get(MakingChargePerGram));
        var pieces = data.Lines.Where(line => line.Kind == StockLineKind.Piece).Select(line => new Piece
        {
            Sku = Sku.TryParse(line.Sku, out var sku, out var error) ? sku : throw new InvalidOperationException($"Receipt {data.ReceiptId}: {error}"),
            Category = line.Category,
            Metal = line.Metal,
            Fineness = Fineness.Of(line.Metal, line.Fineness),
            GrossWeight = Grams.Of(line.GrossWeight),
            NetWeight = Grams.Of(line.NetWeight),
            Making = making,
            Huid = line.Huid is null ? null : Huid.TryParse(line.Huid, out var huid, out var bad) ? huid : throw new InvalidOperationException($"Receipt {data.ReceiptId}: {bad}"),
            Branch = data.Branch,
        }).ToList();
        var items = data.Lines.Where(line => line.Kind == StockLineKind.Item).Select(line => new ReceiptLine(line.Sku, line.Quantity)).ToList();
        var result = await stock.ReceiveAsync(context.Unit, new StockReceipt { Reference = data.ReceiptId, Branch = data.Branch, Pieces = pieces, Items = items }, cancellationToken);
        return result.Outcome is ReceiptOutcome.Received or ReceiptOutcome.AlreadyReceived
            ? Outcome.Done
            : Outcome.Port("Rejected", $"{result.Outcome} {result.Conflict}");
    }
}
