using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Operations;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Branch stock, receipts, adjustments and low-stock thresholds.</summary>
internal static class StockEndpoints
{
    public static async Task<IResult> BranchStockAsync(string? branch, InventoryStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(branch))
        {
            return FieldErrors.One("branch", "is required");
        }

        var stock = await store.StockByBranchAsync(branch.Trim(), cancellationToken);
        return TypedResults.Ok(new BranchStockResponse(
            stock.Branch, [.. stock.Pieces.Select(PieceResponse.From)], [.. stock.Items.Select(LevelResponse.From)]));
    }

    /// <summary>Receives pieces and items into a branch: 201, 200 for a repeat of the reference, 409 for a taken SKU or HUID.</summary>
    public static async Task<IResult> ReceiveAsync(ReceiptRequest? body, StockOperations stock, Database db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        if (body.Validate(errors) is not { } receipt)
        {
            return errors.ToProblem();
        }

        var result = await db.InUnitAsync((unit, ct) => stock.ReceiveAsync(unit, receipt, ct), cancellationToken);
        var answer = new { receipt.Reference, receipt.Branch, Pieces = receipt.Pieces.Count, Items = receipt.Items.Count, Duplicate = result.Outcome == ReceiptOutcome.AlreadyReceived };
        var piece = receipt.Pieces.ToList().FindIndex(p => p.Sku.Value == result.Conflict || p.Huid?.Value == result.Conflict);
        return result.Outcome switch
        {
            ReceiptOutcome.Received => TypedResults.Created($"/api/stock?branch={Uri.EscapeDataString(receipt.Branch)}", answer),
            ReceiptOutcome.AlreadyReceived => TypedResults.Ok(answer),
            ReceiptOutcome.DuplicateSku => ConflictProblem.For($"pieces[{piece}].sku", $"{result.Conflict} is already in stock", "Duplicate SKU."),
            ReceiptOutcome.DuplicateHuid => FieldErrors.One($"pieces[{piece}].huid", $"{result.Conflict} is already on another piece"),
            ReceiptOutcome.OverLimit => ConflictProblem.For($"items[{receipt.Items.ToList().FindIndex(i => i.Sku == result.Conflict)}].quantity",
                $"would hold more than {Inputs.Number(Bounds.MaxOnHand)} of {result.Conflict} at {receipt.Branch}", "Too much stock."),
            _ => FieldErrors.One($"items[{receipt.Items.ToList().FindIndex(i => i.Sku == result.Conflict)}].sku", "is not a defined stock item"),
        };
    }

    /// <summary>Applies a stock correction: 201, 200 for a repeat of the reference, 400/409 when it does not fit the stock.</summary>
    public static async Task<IResult> AdjustAsync(
        AdjustmentRequest? body, StockOperations stock, StockAdjustmentPosting ledger, Database db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        if (body.Validate(errors) is not { } adjustment)
        {
            return errors.ToProblem();
        }

        // Stock and books change together: the adjustment is valued at the current metal rate and posted in its transaction.
        if (!await ledger.CanValueAsync(adjustment.Sku, cancellationToken))
        {
            return ConflictProblem.For("sku", "has no current metal rate to value the adjustment; record one first", "No metal rate.");
        }

        var result = await db.InUnitAsync((unit, ct) => stock.AdjustAsync(unit, adjustment, ct), cancellationToken);
        var field = adjustment.QuantityDelta != 0 ? "quantityDelta" : "weightDelta";
        return result.Outcome switch
        {
            AdjustmentOutcome.Adjusted => TypedResults.Created($"/api/stock?branch={Uri.EscapeDataString(adjustment.Branch)}", result.Adjusted),
            AdjustmentOutcome.AlreadyApplied => TypedResults.Ok(result.Adjusted),
            AdjustmentOutcome.UnknownSku => FieldErrors.One("sku", "is not a piece or a stock item"),
            _ => ConflictProblem.For(field, result.Reason ?? "does not fit the stock", "The adjustment does not fit the stock."),
        };
    }

    public static async Task<IResult> SetThresholdAsync(ThresholdRequest? body, InventoryStore store, Database db, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        var category = errors.Name(body.Category, "category");
        var branch = errors.Name(body.Branch, "branch");
        if (errors.Required(body.MinQuantity, "minQuantity") && body.MinQuantity is < 0 or > Bounds.MaxOnHand)
        {
            errors.Add("minQuantity", $"must be between 0 and {Inputs.Number(Bounds.MaxOnHand)}");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await db.InUnitAsync(async (unit, ct) =>
        {
            await store.SetThresholdAsync(unit, category!, branch!, body.MinQuantity!.Value, ct);
            return true;
        }, cancellationToken);
        return TypedResults.Ok(new { Category = category, Branch = branch, body.MinQuantity });
    }

    public static async Task<IResult> LowStockAsync(string? branch, InventoryStore store, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(branch)
            ? FieldErrors.One("branch", "is required")
            : TypedResults.Ok(await store.LowStockAsync(branch.Trim(), cancellationToken));
}
