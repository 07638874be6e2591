using System.Text.Json.Nodes;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Operations;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>Records a new metal rate from metal-rate.updated; bills already issued keep the rate they were priced at.</summary>
[Activity("JewelHub", "Finance", "Store a new gold, silver or platinum rate per gram. New bills use it; bills already issued keep their own rate.", HasEffects = true)]
public sealed class RecordRate(RateOperations rates) : IActivity
{
    [Input(Description = "The metal-rate.updated data (metal, fineness, pricePerGram, currency, source, asOf). Empty: the triggering event's data.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Rate { get; init; } = Input.Optional<JsonNode?>();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var data = HubData.Read<RateData>(context, Rate);
        var rate = new MetalRate
        {
            Metal = data.Metal,
            Fineness = Fineness.Of(data.Metal, data.Fineness),
            PricePerGram = new Money(data.PricePerGram, Currency.Parse(data.Currency)),
            Source = data.Source,
            AsOf = data.AsOf,
        };
        var result = await rates.RecordAsync(context.Unit, rate, cancellationToken);
        return result.Outcome == RecordRateOutcome.OtherPriceRecorded
            ? throw new InvalidOperationException(
                $"{rate.Source} already quoted {rate.Metal} {rate.Fineness.PartsPerThousand} at {rate.AsOf:yyyy-MM-ddTHH:mm:ssK} for "
                + $"{result.Stored.PricePerGram}, not {rate.PricePerGram}; a recorded rate is never changed.")
            : Outcome.Done;
    }

    private sealed record RateData
    {
        public required Metal Metal { get; init; }
        public required int Fineness { get; init; }
        [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
        public required decimal PricePerGram { get; init; }
        public string Currency { get; init; } = "INR";
        public required string Source { get; init; }
        public required DateTimeOffset AsOf { get; init; }
    }
}
