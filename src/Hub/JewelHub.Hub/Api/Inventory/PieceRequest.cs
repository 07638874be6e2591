using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>A making charge as posted: PerGram (rupees per gram), Percent (of metal value) or Flat (per piece).</summary>
public sealed record MakingRequest
{
    public MakingChargeMode? Mode { get; init; }
    public decimal? Value { get; init; }

    internal MakingCharge? Validate(FieldErrors errors, string prefix)
    {
        var mode = errors.Required(Mode, prefix + "mode") ? Mode : null;
        var value = errors.Required(Value, prefix + "value") ? errors.Amount(Value, prefix + "value") : 0m;
        return mode is null ? null : new MakingCharge(mode.Value, value);
    }
}

/// <summary>A row of stones set in a piece, as posted; carats in ct with up to three decimals.</summary>
public sealed record StoneRequest
{
    public string? Type { get; init; }
    public string? Shape { get; init; }
    public int? Count { get; init; }
    public decimal? Carats { get; init; }
    public string? Colour { get; init; }
    public string? Clarity { get; init; }
    public string? Lab { get; init; }
    public string? ReportNumber { get; init; }
    public bool? LabGrown { get; init; }
    public decimal? Value { get; init; }

    internal Stone? Validate(FieldErrors errors, string prefix)
    {
        var type = errors.Name(Type, prefix + "type");
        if (Count is < 1)
        {
            errors.Add(prefix + "count", "must be 1 or more");
        }

        GemCarat? carats = null;
        if (errors.Required(Carats, prefix + "carats"))
        {
            if (Carats!.Value != Math.Round(Carats.Value, 3))
            {
                errors.Add(prefix + "carats", "must have at most three decimals");
            }
            else if (GemCarat.TryCreate(Carats.Value, out var parsed, out var error))
            {
                carats = parsed;
            }
            else
            {
                errors.Add(prefix + "carats", error);
            }
        }

        var value = errors.Amount(Value, prefix + "value");
        return type is null || carats is null ? null : new Stone
        {
            Type = type,
            Shape = Shape,
            Count = Count ?? 1,
            Carats = carats.Value,
            Colour = Colour,
            Clarity = Clarity,
            Lab = Lab,
            ReportNumber = ReportNumber,
            LabGrown = LabGrown ?? false,
            Value = value,
        };
    }
}

/// <summary>A one-of-a-kind piece as posted. Weights are grams with up to three decimals; fineness parts per thousand.</summary>
public sealed record PieceRequest
{
    public string? Sku { get; init; }
    public string? Category { get; init; }
    public Metal? Metal { get; init; }
    public int? Fineness { get; init; }
    public decimal? GrossWeight { get; init; }
    public decimal? NetWeight { get; init; }
    public MakingRequest? Making { get; init; }
    public decimal? WastagePercent { get; init; }
    public decimal? OtherCharges { get; init; }
    public string? Huid { get; init; }
    public string? Branch { get; init; }
    public string? Hsn { get; init; }
    public IReadOnlyList<StoneRequest?>? Stones { get; init; }

    /// <summary>The piece, or null with every problem recorded under <paramref name="prefix"/>.</summary>
    internal Piece? Validate(FieldErrors errors, string prefix, string? branch = null)
    {
        var sku = errors.Parse<Canonical.Values.Sku>(Sku, prefix + "sku", Canonical.Values.Sku.TryParse);
        var category = errors.Name(Category, prefix + "category");
        errors.Required(Metal, prefix + "metal");
        var fineness = errors.Fineness(Metal, Fineness, prefix + "fineness");
        var gross = errors.Weight(GrossWeight, prefix + "grossWeight");
        var net = errors.Weight(NetWeight, prefix + "netWeight");
        if (gross is not null && net is not null && net > gross)
        {
            errors.Add(prefix + "netWeight", "must not exceed grossWeight: net is the metal alone");
            net = null;
        }

        var making = errors.Required(Making, prefix + "making") ? Making!.Validate(errors, prefix + "making.") : null;
        var wastage = errors.Amount(WastagePercent, prefix + "wastagePercent");
        var other = errors.Amount(OtherCharges, prefix + "otherCharges");
        Huid? huid = null;
        if (Huid is not null && errors.Parse<Canonical.Values.Huid>(Huid, prefix + "huid", Canonical.Values.Huid.TryParse) is { } parsed)
        {
            huid = parsed;
        }

        branch ??= errors.Name(Branch, prefix + "branch");
        var hsn = errors.Hsn(Hsn, "7113", prefix + "hsn");
        var stones = new List<Stone>();
        for (var i = 0; i < (Stones?.Count ?? 0); i++)
        {
            var field = $"{prefix}stones[{i}]";
            if (errors.Required(Stones![i], field) && Stones[i]!.Validate(errors, field + ".") is { } stone)
            {
                stones.Add(stone);
            }
        }

        if (sku is null || category is null || fineness is null || gross is null || net is null || making is null || branch is null)
        {
            return null;
        }

        return new Piece
        {
            Sku = sku.Value,
            Category = category,
            Metal = Metal!.Value,
            Fineness = fineness.Value,
            GrossWeight = gross.Value,
            NetWeight = net.Value,
            Stones = stones,
            Making = making,
            WastagePercent = wastage,
            OtherCharges = other,
            Huid = huid,
            Branch = branch,
            Hsn = hsn,
        };
    }
}
