using System.ComponentModel.DataAnnotations;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Stores.Inventory;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>A fungible stock item (coins, bullion, articles) as posted; unitWeight is the net grams of one unit.</summary>
public sealed record StockItemRequest
{
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)]
    public string? Sku { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Category { get; init; }

    public Metal? Metal { get; init; }
    public int? Fineness { get; init; }

    [GramsRange]
    public decimal? UnitWeight { get; init; }

    public MakingRequest? Making { get; init; }
    public string? Hsn { get; init; }

    internal StockItem? Validate(FieldErrors errors)
    {
        var sku = errors.Parse<Canonical.Values.Sku>(Sku, "sku", Canonical.Values.Sku.TryParse);
        var category = errors.Name(Category, "category");
        errors.Required(Metal, "metal");
        var fineness = errors.Fineness(Metal, Fineness, "fineness");
        var unit = errors.Weight(UnitWeight, "unitWeight");
        var making = errors.Required(Making, "making") ? Making!.Validate(errors, "making.") : null;
        var hsn = errors.Hsn(Hsn, "7114", "hsn");
        return sku is null || category is null || fineness is null || unit is null || making is null
            ? null
            : new StockItem { Sku = sku.Value, Category = category, Metal = Metal!.Value, Fineness = fineness.Value, UnitWeight = unit.Value, Making = making, Hsn = hsn };
    }
}

/// <summary>A quantity of a stock item received.</summary>
public sealed record ReceiptItemRequest
{
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)]
    public string? Sku { get; init; }

    [Range(1, Bounds.MaxQuantity)]
    public int? Quantity { get; init; }
}

/// <summary>Goods received into a branch under one reference: new pieces and quantities of stock items.</summary>
public sealed record ReceiptRequest
{
    [MaxLength(Bounds.MaxNameLength)]
    public string? Reference { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Branch { get; init; }

    public IReadOnlyList<PieceRequest?>? Pieces { get; init; }
    public IReadOnlyList<ReceiptItemRequest?>? Items { get; init; }

    internal StockReceipt? Validate(FieldErrors errors)
    {
        var reference = errors.Name(Reference, "reference");
        var branch = errors.Name(Branch, "branch");
        if ((Pieces?.Count ?? 0) + (Items?.Count ?? 0) == 0)
        {
            errors.Add("pieces", "a receipt needs at least one piece or item");
        }

        var pieces = new List<Piece>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        var huids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (Pieces?.Count ?? 0); i++)
        {
            var prefix = $"pieces[{i}]";
            if (!errors.Required(Pieces![i], prefix))
            {
                continue;
            }

            if (Pieces[i]!.Branch is { } own && branch is not null && own.Trim() != branch)
            {
                errors.Add(prefix + ".branch", $"must be the receipt's branch ({branch}) or left out");
            }

            if (Pieces[i]!.Validate(errors, prefix + ".", branch ?? "") is not { } piece)
            {
                continue;
            }

            if (!skus.Add(piece.Sku.Value))
            {
                errors.Add(prefix + ".sku", "appears twice in this receipt");
            }

            if (piece.Huid is { } huid && !huids.Add(huid.Value))
            {
                errors.Add(prefix + ".huid", "appears twice in this receipt");
            }

            pieces.Add(piece);
        }

        var items = new List<ReceiptLine>();
        for (var i = 0; i < (Items?.Count ?? 0); i++)
        {
            var prefix = $"items[{i}]";
            if (!errors.Required(Items![i], prefix))
            {
                continue;
            }

            var sku = errors.Parse<Canonical.Values.Sku>(Items[i]!.Sku, prefix + ".sku", Canonical.Values.Sku.TryParse);
            if (sku is { } parsed && (!skus.Add(parsed.Value)))
            {
                errors.Add(prefix + ".sku", "appears twice in this receipt");
            }

            var quantity = errors.Quantity(Items[i]!.Quantity, prefix + ".quantity");
            items.Add(new ReceiptLine(sku?.Value ?? "", quantity ?? 0));
        }

        return errors.Any ? null : new StockReceipt { Reference = reference!, Branch = branch!, Pieces = pieces, Items = items };
    }
}

/// <summary>
/// A stock correction: quantityDelta for a stock item, or weightDelta (signed grams, three decimals) for a piece's
/// net weight. The reference is the caller's key: the same reference for the same SKU and branch applies once.
/// </summary>
public sealed record AdjustmentRequest
{
    [MaxLength(Bounds.MaxNameLength)]
    public string? Reference { get; init; }

    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)]
    public string? Sku { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Branch { get; init; }

    /// <summary>Units added (positive) or taken (negative), at most <see cref="Bounds.MaxQuantity"/> either way.</summary>
    [Range(-Bounds.MaxQuantity, Bounds.MaxQuantity)]
    public int? QuantityDelta { get; init; }

    /// <summary>Grams added to or taken from a piece's net weight.</summary>
    [GramsDeltaRange]
    public decimal? WeightDelta { get; init; }

    internal StockAdjustment? Validate(FieldErrors errors)
    {
        var reference = errors.Name(Reference, "reference");
        var sku = errors.Parse<Canonical.Values.Sku>(Sku, "sku", Canonical.Values.Sku.TryParse);
        var branch = errors.Name(Branch, "branch");
        var quantity = QuantityDelta ?? 0;
        var weight = WeightDelta ?? 0m;
        if (quantity == 0 && weight == 0m)
        {
            errors.Add("quantityDelta", "give a non-zero quantityDelta (stock items) or weightDelta (pieces)");
        }
        else if (quantity != 0 && weight != 0m)
        {
            errors.Add("weightDelta", "give either quantityDelta (stock items) or weightDelta (pieces), not both");
        }

        if (quantity is < -Bounds.MaxQuantity or > Bounds.MaxQuantity)
        {
            errors.Add("quantityDelta", $"must be between -{Inputs.Number(Bounds.MaxQuantity)} and {Inputs.Number(Bounds.MaxQuantity)}");
        }

        if (weight is < -Bounds.MaxGrams or > Bounds.MaxGrams)
        {
            errors.Add("weightDelta", $"must be between -{Inputs.Number(Bounds.MaxGrams)} and {Inputs.Number(Bounds.MaxGrams)} grams");
        }
        else if (weight != Math.Round(weight, 3))
        {
            errors.Add("weightDelta", "must be grams with at most three decimals (milligrams)");
        }

        return errors.Any ? null : new StockAdjustment
        {
            Reference = reference!,
            Sku = sku!.Value.Value,
            Branch = branch!,
            QuantityDelta = quantity,
            WeightDelta = weight,
        };
    }
}

/// <summary>The minimum available quantity of a category at a branch.</summary>
public sealed record ThresholdRequest
{
    [MaxLength(Bounds.MaxNameLength)]
    public string? Category { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Branch { get; init; }

    [Range(0, Bounds.MaxOnHand)]
    public int? MinQuantity { get; init; }
}
