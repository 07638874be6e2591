using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Finance;

namespace JewelHub.Stores.Operations;

/// <summary>What recording a metal rate did.</summary>
public enum RecordRateOutcome
{
    /// <summary>The rate is new and stored.</summary>
    Recorded,
    /// <summary>The same quote (metal, fineness, source, as-of time and price) was already stored; nothing changed.</summary>
    AlreadyRecorded,
    /// <summary>The source already quoted the metal at that time for another price; the stored price stands.</summary>
    OtherPriceRecorded,
}

/// <summary>The outcome, and the rate as stored (the new one, or the one that was already there).</summary>
public sealed record RecordRateResult(RecordRateOutcome Outcome, MetalRate Stored);

/// <summary>
/// Recording a metal rate: the one implementation the metal-rates API and the Record Rate step share. A recorded rate
/// is never changed (bills were priced at it), so a second price for the same quote is reported, never stored or hidden.
/// </summary>
public sealed class RateOperations(RateStore rates)
{
    /// <summary>Records <paramref name="rate"/> in <paramref name="unit"/> unless its quote is already stored.</summary>
    public async Task<RecordRateResult> RecordAsync(UnitOfWork unit, MetalRate rate, CancellationToken cancellationToken)
    {
        if (await rates.RecordRateAsync(unit, rate, cancellationToken))
        {
            return new RecordRateResult(RecordRateOutcome.Recorded, rate);
        }

        var stored = await rates.StoredRateAsync(unit, rate, cancellationToken)
            ?? throw new InvalidOperationException("The rate was neither inserted nor found: its quote key and the table's unique key disagree.");
        return new RecordRateResult(
            stored.PricePerGram == rate.PricePerGram ? RecordRateOutcome.AlreadyRecorded : RecordRateOutcome.OtherPriceRecorded, stored);
    }
}
