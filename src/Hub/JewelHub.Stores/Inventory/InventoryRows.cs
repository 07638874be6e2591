using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Importing;

namespace JewelHub.Stores.Inventory;

/// <summary>Conversions between the canonical decimals and the integer columns (milligrams, hundredths, minor units).</summary>
internal static class Units
{
    public static long Milligrams(Grams grams) => (long)(grams.Value * 1000m);

    public static long Milligrams(decimal grams) => (long)Math.Round(grams * 1000m, 0, MidpointRounding.AwayFromZero);

    public static decimal Grams(long milligrams) => milligrams / 1000m;

    public static long Hundredths(decimal value) => (long)Math.Round(value * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal FromHundredths(long hundredths) => hundredths / 100m;
}

internal sealed class PieceRow
{
    public string Sku { get; init; } = "";
    public string Category { get; init; } = "";
    public string Metal { get; init; } = "";
    public int Fineness { get; init; }
    public long GrossMg { get; init; }
    public long NetMg { get; init; }
    public string MakingMode { get; init; } = "";
    public long MakingValueHundredths { get; init; }
    public long WastageHundredths { get; init; }
    public long OtherChargesMinor { get; init; }
    public string? Huid { get; init; }
    public string Hsn { get; init; } = "";
    public string Branch { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Attributes { get; init; }

    public static object Parameters(Piece piece, DateTimeOffset createdAt) => new
    {
        Sku = piece.Sku.Value,
        piece.Category,
        Metal = piece.Metal.ToString(),
        Fineness = piece.Fineness.PartsPerThousand,
        GrossMg = Units.Milligrams(piece.GrossWeight),
        NetMg = Units.Milligrams(piece.NetWeight),
        MakingMode = piece.Making.Mode.ToString(),
        MakingValueHundredths = Units.Hundredths(piece.Making.Value),
        WastageHundredths = Units.Hundredths(piece.WastagePercent),
        OtherChargesMinor = Units.Hundredths(piece.OtherCharges),
        Huid = piece.Huid?.Value,
        piece.Hsn,
        piece.Branch,
        Status = piece.Status.ToString(),
        CreatedAt = createdAt,
    };

    public Piece ToPiece(IReadOnlyList<Stone> stones)
    {
        var metal = Enum.Parse<Metal>(Metal);
        return new Piece
        {
            Sku = Canonical.Values.Sku.TryParse(Sku, out var sku, out _) ? sku : throw new InvalidDataException($"Stored SKU '{Sku}' is malformed."),
            Category = Category,
            Metal = metal,
            Fineness = Canonical.Values.Fineness.Of(metal, Fineness),
            GrossWeight = Grams.Of(Units.Grams(GrossMg)),
            NetWeight = Grams.Of(Units.Grams(NetMg)),
            Stones = stones,
            Making = new MakingCharge(Enum.Parse<MakingChargeMode>(MakingMode), Units.FromHundredths(MakingValueHundredths)),
            WastagePercent = Units.FromHundredths(WastageHundredths),
            OtherCharges = Units.FromHundredths(OtherChargesMinor),
            Huid = Huid is null ? null : Canonical.Values.Huid.TryParse(Huid, out var huid, out _) ? huid : throw new InvalidDataException($"Stored HUID '{Huid}' is malformed."),
            Branch = Branch,
            Status = Enum.Parse<PieceStatus>(Status),
            Hsn = Hsn,
            Attributes = RecordAttributes.Read(Attributes),
        };
    }
}

internal sealed class StoneRow
{
    public string Sku { get; init; } = "";
    public string Type { get; init; } = "";
    public string? Shape { get; init; }
    public int Count { get; init; }
    public long CaratsThousandths { get; init; }
    public string? Colour { get; init; }
    public string? Clarity { get; init; }
    public string? Lab { get; init; }
    public string? ReportNumber { get; init; }
    public bool LabGrown { get; init; }
    public long ValueMinor { get; init; }

    public static object Parameters(string sku, Stone stone) => new
    {
        Sku = sku,
        stone.Type,
        stone.Shape,
        stone.Count,
        CaratsThousandths = (long)(stone.Carats.Value * 1000m),
        stone.Colour,
        stone.Clarity,
        stone.Lab,
        stone.ReportNumber,
        stone.LabGrown,
        ValueMinor = Units.Hundredths(stone.Value),
    };

    public Stone ToStone() => new()
    {
        Type = Type,
        Shape = Shape,
        Count = Count,
        Carats = GemCarat.Of(CaratsThousandths / 1000m),
        Colour = Colour,
        Clarity = Clarity,
        Lab = Lab,
        ReportNumber = ReportNumber,
        LabGrown = LabGrown,
        Value = Units.FromHundredths(ValueMinor),
    };
}

internal sealed class StockItemRow
{
    public string Sku { get; init; } = "";
    public string Category { get; init; } = "";
    public string Metal { get; init; } = "";
    public int Fineness { get; init; }
    public long UnitMg { get; init; }
    public string MakingMode { get; init; } = "";
    public long MakingValueHundredths { get; init; }
    public string Hsn { get; init; } = "";
    public string? Attributes { get; init; }

    public static object Parameters(StockItem item, DateTimeOffset createdAt) => new
    {
        Sku = item.Sku.Value,
        item.Category,
        Metal = item.Metal.ToString(),
        Fineness = item.Fineness.PartsPerThousand,
        UnitMg = Units.Milligrams(item.UnitWeight),
        MakingMode = item.Making.Mode.ToString(),
        MakingValueHundredths = Units.Hundredths(item.Making.Value),
        item.Hsn,
        CreatedAt = createdAt,
    };

    public StockItem ToStockItem()
    {
        var metal = Enum.Parse<Metal>(Metal);
        return new StockItem
        {
            Sku = Canonical.Values.Sku.TryParse(Sku, out var sku, out _) ? sku : throw new InvalidDataException($"Stored SKU '{Sku}' is malformed."),
            Category = Category,
            Metal = metal,
            Fineness = Canonical.Values.Fineness.Of(metal, Fineness),
            UnitWeight = Grams.Of(Units.Grams(UnitMg)),
            Making = new MakingCharge(Enum.Parse<MakingChargeMode>(MakingMode), Units.FromHundredths(MakingValueHundredths)),
            Hsn = Hsn,
            Attributes = RecordAttributes.Read(Attributes),
        };
    }
}

internal sealed class LevelRow
{
    public string Sku { get; init; } = "";
    public string Branch { get; init; } = "";
    public int OnHand { get; init; }
    public int Reserved { get; init; }
    public long UnitMg { get; init; }

    public StockLevel ToLevel() =>
        new(Canonical.Values.Sku.TryParse(Sku, out var sku, out _) ? sku : default, Branch, OnHand, Reserved, Grams.Of(Units.Grams(UnitMg * OnHand)));
}

internal sealed class ReservationRow
{
    public string Id { get; init; } = "";
    public string OrderId { get; init; } = "";
    public string Sku { get; init; } = "";
    public string Branch { get; init; } = "";
    public string Kind { get; init; } = "";
    public int Quantity { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string Status { get; init; } = "";

    public bool IsPiece => Kind == "Piece";

    public ReservedLine ToLine() => new()
    {
        Sku = Sku,
        Branch = Branch,
        Quantity = Quantity,
        ExpiresAt = ExpiresAt,
        Status = Enum.Parse<ReservationStatus>(Status),
    };
}

internal sealed class MovementRow
{
    public long Id { get; init; }
    public string Sku { get; init; } = "";
    public string Branch { get; init; } = "";
    public string Reason { get; init; } = "";
    public int QuantityDelta { get; init; }
    public long WeightDeltaMg { get; init; }
    public string Reference { get; init; } = "";
    public DateTimeOffset At { get; init; }

    public StockMovement ToMovement() => new()
    {
        Id = Id,
        Sku = Sku,
        Branch = Branch,
        Reason = Enum.Parse<MovementReason>(Reason),
        QuantityDelta = QuantityDelta,
        WeightDelta = Units.Grams(WeightDeltaMg),
        Reference = Reference,
        At = At,
    };
}
