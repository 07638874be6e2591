using JewelHub.Canonical.Entities;
using System.ComponentModel.DataAnnotations;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>
/// A making charge as posted: PerGram (rupees per gram, up to the largest metal rate per gram), Percent (of metal value,
/// up to 100) or Flat (rupees per piece, up to the largest amount); two decimals.
/// </summary>
public sealed record MakingRequest
{
    public MakingChargeMode? Mode { get; init; }

    [AmountRange]
    public decimal? Value { get; init; }

    internal MakingCharge? Validate(FieldErrors errors, string prefix)
    {
        var mode = errors.Required(Mode, prefix + "mode") ? Mode : null;
        var max = MakingCharge.MaxValue(mode ?? MakingChargeMode.Flat);
        var value = errors.Required(Value, prefix + "value") ? errors.Money(Value, prefix + "value", max) : 0m;
        return mode is null ? null : new MakingCharge(mode.Value, value);
    }
}

/// <summary>A row of stones set in a piece, as posted; carats in ct with up to three decimals.</summary>
public sealed record StoneRequest
{
    [MaxLength(Bounds.MaxNameLength)]
    public string? Type { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Shape { get; init; }

    [Range(1, Bounds.MaxQuantity)]
    public int? Count { get; init; }

    [CaratsRange]
    public decimal? Carats { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Colour { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Clarity { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Lab { get; init; }

    [MaxLength(Bounds.MaxIdLength)]
    public string? ReportNumber { get; init; }

    public bool? LabGrown { get; init; }

    [AmountRange]
    public decimal? Value { get; init; }

    internal Stone? Validate(FieldErrors errors, string prefix)
    {
        var type = errors.Name(Type, prefix + "type");
        var count = errors.Quantity(Count, prefix + "count", fallback: 1);
        var shape = errors.Text(Shape, prefix + "shape", Bounds.MaxNameLength);
        var colour = errors.Text(Colour, prefix + "colour", Bounds.MaxNameLength);
        var clarity = errors.Text(Clarity, prefix + "clarity", Bounds.MaxNameLength);
        var lab = errors.Text(Lab, prefix + "lab", Bounds.MaxNameLength);
        var reportNumber = errors.Text(ReportNumber, prefix + "reportNumber", Bounds.MaxIdLength);
        GemCarat? carats = null;
        if (errors.Required(Carats, prefix + "carats"))
        {
            if (Carats!.Value is < 0 or > Bounds.MaxCarats)
            {
                errors.Add(prefix + "carats", $"must be between 0 and {Inputs.Number(Bounds.MaxCarats)} carats");
            }
            else if (Carats.Value != Math.Round(Carats.Value, 3))
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

        var value = errors.Money(Value, prefix + "value");
        return type is null || carats is null || count is null ? null : new Stone
        {
            Type = type,
            Shape = shape,
            Count = count.Value,
            Carats = carats.Value,
            Colour = colour,
            Clarity = clarity,
            Lab = lab,
            ReportNumber = reportNumber,
            LabGrown = LabGrown ?? false,
            Value = value,
        };
    }
}

/// <summary>A one-of-a-kind piece as posted. Weights are grams with up to three decimals; fineness parts per thousand.</summary>
public sealed record PieceRequest
{
    [MaxLength(Bounds.MaxIdLength), RegularExpression(Bounds.SkuPattern)]
    public string? Sku { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
    public string? Category { get; init; }

    public Metal? Metal { get; init; }
    public int? Fineness { get; init; }

    [GramsRange]
    public decimal? GrossWeight { get; init; }

    [GramsRange]
    public decimal? NetWeight { get; init; }

    public MakingRequest? Making { get; init; }

    [PercentRange]
    public decimal? WastagePercent { get; init; }

    [AmountRange]
    public decimal? OtherCharges { get; init; }

    public string? Huid { get; init; }

    [MaxLength(Bounds.MaxNameLength)]
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
        var wastage = errors.Percent(WastagePercent, prefix + "wastagePercent");
        var other = errors.Money(OtherCharges, prefix + "otherCharges");
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
