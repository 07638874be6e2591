using JewelHub.Canonical.Entities;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>A piece as the API shows it: plain numbers, weights in grams, the hallmark text.</summary>
public sealed record PieceResponse(
    string Sku,
    string Category,
    string Metal,
    int Fineness,
    string Hallmark,
    decimal GrossWeight,
    decimal NetWeight,
    MakingResponse Making,
    decimal WastagePercent,
    decimal OtherCharges,
    string? Huid,
    string Branch,
    string Status,
    string Hsn,
    IReadOnlyList<StoneResponse> Stones,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static PieceResponse From(Piece piece) => new(
        piece.Sku.Value, piece.Category, piece.Metal.ToString(), piece.Fineness.PartsPerThousand, piece.Fineness.HallmarkFor(piece.Metal),
        piece.GrossWeight.Value, piece.NetWeight.Value, new MakingResponse(piece.Making.Mode.ToString(), piece.Making.Value),
        piece.WastagePercent, piece.OtherCharges, piece.Huid?.Value, piece.Branch, piece.Status.ToString(), piece.Hsn,
        [.. piece.Stones.Select(StoneResponse.From)], piece.Attributes);
}

public sealed record MakingResponse(string Mode, decimal Value);

public sealed record StoneResponse(
    string Type, string? Shape, int Count, decimal Carats, string? Colour, string? Clarity, string? Lab, string? ReportNumber, bool LabGrown, decimal Value)
{
    public static StoneResponse From(Stone stone) => new(
        stone.Type, stone.Shape, stone.Count, stone.Carats.Value, stone.Colour, stone.Clarity, stone.Lab, stone.ReportNumber, stone.LabGrown, stone.Value);
}

/// <summary>A branch's level of one stock item.</summary>
public sealed record LevelResponse(string Sku, int OnHand, int Reserved, int Available, decimal Weight)
{
    public static LevelResponse From(StockLevel level) => new(level.Sku.Value, level.OnHand, level.Reserved, level.Available, level.Weight.Value);
}

/// <summary>GET /api/stock: what a branch holds.</summary>
public sealed record BranchStockResponse(string Branch, IReadOnlyList<PieceResponse> Pieces, IReadOnlyList<LevelResponse> Items);

/// <summary>A stock item definition as the API shows it.</summary>
public sealed record StockItemResponse(
    string Sku, string Category, string Metal, int Fineness, decimal UnitWeight, MakingResponse Making, string Hsn, IReadOnlyDictionary<string, string> Attributes)
{
    public static StockItemResponse From(StockItem item) => new(
        item.Sku.Value, item.Category, item.Metal.ToString(), item.Fineness.PartsPerThousand, item.UnitWeight.Value,
        new MakingResponse(item.Making.Mode.ToString(), item.Making.Value), item.Hsn, item.Attributes);
}

/// <summary>The pieces an attribute search found (at most <c>limit</c>, by SKU).</summary>
public sealed record PieceListResponse(IReadOnlyList<PieceResponse> Items);

/// <summary>The stock items an attribute search found (at most <c>limit</c>, by SKU).</summary>
public sealed record StockItemListResponse(IReadOnlyList<StockItemResponse> Items);
