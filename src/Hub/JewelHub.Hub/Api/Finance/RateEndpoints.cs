using System.ComponentModel.DataAnnotations;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;

namespace JewelHub.Hub.Api.Finance;

/// <summary>
/// A metal rate as posted: the price of one gram in the major unit (two decimals), who quoted it and when (asOf, from
/// 2000-01-01 to a day past the hub's clock).
/// </summary>
public sealed record MetalRateRequest(
    string? Metal,
    int? Fineness,
    [property: PricePerGramRange] decimal? PricePerGram,
    string? Currency,
    [property: MaxLength(Bounds.MaxNameLength)] string? Source,
    DateTimeOffset? AsOf);

/// <summary>A metal rate as answered.</summary>
public sealed record MetalRateResponse(string Metal, int Fineness, string Hallmark, decimal PricePerGram, string Currency, string Source, DateTimeOffset AsOf)
{
    public static MetalRateResponse From(MetalRate rate) => new(
        rate.Metal.ToString(), rate.Fineness.PartsPerThousand, rate.Fineness.HallmarkFor(rate.Metal),
        rate.PricePerGram.Amount, rate.PricePerGram.Currency.Code, rate.Source, rate.AsOf);
}

/// <summary>POST /api/metal-rates records a rate (history is kept); GET /api/metal-rates/current lists the rates in force.</summary>
public static class RateEndpoints
{
    public static RouteGroupBuilder MapRateEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/metal-rates").WithTags("Finance");
        group.MapPost("/", RecordAsync).WithName("RecordMetalRate");
        group.MapGet("/current", CurrentAsync).WithName("CurrentMetalRates");
        return group;
    }

    private static async Task<IResult> RecordAsync(MetalRateRequest? body, RateOperations operations, Database db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        var metal = ParseMetal(errors, body.Metal);
        Fineness? fineness = null;
        if (errors.Required(body.Fineness, "fineness") && metal is not null)
        {
            fineness = Fineness.TryCreate(metal.Value, body.Fineness!.Value, out var parsed, out var error) ? parsed : null;
            if (error is not null)
            {
                errors.Add("fineness", error);
            }
        }

        var price = errors.Positive(body.PricePerGram, "pricePerGram", Bounds.MaxPricePerGram);
        var currency = errors.Parse<Currency>(body.Currency, "currency", Currency.TryParse);
        var source = errors.Required(body.Source, "source") ? errors.Text(body.Source, "source", Bounds.MaxNameLength) : null;
        var asOf = errors.BusinessDate(body.AsOf, "asOf", clock);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rate = new MetalRate
        {
            Metal = metal!.Value,
            Fineness = fineness!.Value,
            PricePerGram = new Money(price!.Value, currency!.Value),
            Source = source!,
            AsOf = asOf!.Value,
        };
        var (outcome, stored) = await db.InUnitAsync((unit, ct) => operations.RecordAsync(unit, rate, ct), cancellationToken);
        var answer = MetalRateResponse.From(stored);
        return outcome switch
        {
            RecordRateOutcome.Recorded => TypedResults.Created("/api/metal-rates/current", answer),
            RecordRateOutcome.AlreadyRecorded => TypedResults.Ok(answer),
            _ => ConflictProblem.For("pricePerGram",
                $"{stored.Source} already quoted {stored.Metal} {stored.Fineness.PartsPerThousand} at {stored.AsOf:yyyy-MM-ddTHH:mm:ssK} "
                + $"for {stored.PricePerGram.Amount:0.00} {stored.PricePerGram.Currency}; a recorded rate is never changed, so record the new price with its own asOf",
                "The rate is already recorded."),
        };
    }

    private static async Task<IResult> CurrentAsync(RateStore rates, CancellationToken cancellationToken) =>
        TypedResults.Ok((await rates.CurrentRatesAsync(cancellationToken)).Select(MetalRateResponse.From).ToList());

    private static Metal? ParseMetal(FieldErrors errors, string? raw)
    {
        if (!errors.Required(raw, "metal"))
        {
            return null;
        }

        if (Enum.TryParse<Metal>(raw, ignoreCase: true, out var metal) && Enum.IsDefined(metal) && !int.TryParse(raw, out _))
        {
            return metal;
        }

        errors.Add("metal", $"must be one of {string.Join(", ", Enum.GetNames<Metal>())}");
        return null;
    }
}
