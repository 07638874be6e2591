using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;

namespace JewelHub.Stores.Finance;

/// <summary>
/// Metal rates with their history. A rate is never changed once recorded; the current rate of a metal and fineness
/// is the one with the latest as-of time, so a late-arriving older quote never replaces a newer one.
/// </summary>
public sealed class RateStore(Database db, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO metal_rates (metal, fineness, price_per_gram_minor, currency, source, as_of, recorded_at)
        VALUES (@Metal, @Fineness, @PricePerGramMinor, @Currency, @Source, @AsOf, @RecordedAt)
        ON CONFLICT (metal, fineness, source, as_of) DO NOTHING
        RETURNING id
        """;

    private const string SelectSame = """
        SELECT metal, fineness, price_per_gram_minor, currency, source, as_of FROM metal_rates
        WHERE metal = @Metal AND fineness = @Fineness AND source = @Source AND as_of = @AsOf
        """;

    private const string SelectCurrent = """
        SELECT metal, fineness, price_per_gram_minor, currency, source, as_of FROM metal_rates
        WHERE metal = @Metal AND fineness = @Fineness
        ORDER BY as_of DESC, id DESC
        LIMIT 1
        """;

    private const string SelectAllCurrent = """
        SELECT r.metal, r.fineness, r.price_per_gram_minor, r.currency, r.source, r.as_of FROM metal_rates r
        WHERE NOT EXISTS (
            SELECT 1 FROM metal_rates n
            WHERE n.metal = r.metal AND n.fineness = r.fineness AND (n.as_of > r.as_of OR (n.as_of = r.as_of AND n.id > r.id)))
        ORDER BY r.metal, r.fineness DESC
        """;

    /// <summary>Records a rate. Returns false when the same source already quoted this metal and fineness at that time.</summary>
    public async Task<bool> RecordRateAsync(UnitOfWork unit, MetalRate rate, CancellationToken cancellationToken)
    {
        var id = await unit.Connection.ExecuteScalarAsync<long?>(unit.Command(Insert, new
        {
            Metal = rate.Metal.ToString(),
            Fineness = rate.Fineness.PartsPerThousand,
            PricePerGramMinor = MinorUnits.Of(rate.PricePerGram.Amount),
            Currency = rate.PricePerGram.Currency.Code,
            rate.Source,
            AsOf = rate.AsOf,
            RecordedAt = clock.GetUtcNow(),
        }, cancellationToken));
        return id is not null;
    }

    /// <summary>
    /// The rate already stored for the same metal, fineness, source and as-of time as <paramref name="rate"/>, read in
    /// the unit; null when there is none. A rate is never changed, so this is what a repeat of the quote finds.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public async Task<MetalRate?> StoredRateAsync(UnitOfWork unit, MetalRate rate, CancellationToken cancellationToken)
    {
        var row = await unit.Connection.QuerySingleOrDefaultAsync<RateRow>(unit.Command(SelectSame, new
        {
            Metal = rate.Metal.ToString(),
            Fineness = rate.Fineness.PartsPerThousand,
            rate.Source,
            rate.AsOf,
        }, cancellationToken));
        return row?.ToRate();
    }

    /// <summary>The current rate of a metal at a fineness, or null when none was ever recorded.</summary>
    public async Task<MetalRate?> CurrentRateAsync(Metal metal, Fineness fineness, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await CurrentRateAsync(connection, null, metal, fineness, cancellationToken);
    }

    /// <summary>The same read on a caller's connection, inside its transaction.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public async Task<MetalRate?> CurrentRateAsync(
        DbConnection connection, DbTransaction? transaction, Metal metal, Fineness fineness, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RateRow>(new CommandDefinition(
            SelectCurrent, new { Metal = metal.ToString(), Fineness = fineness.PartsPerThousand }, transaction, cancellationToken: cancellationToken));
        return row?.ToRate();
    }

    /// <summary>The current rate of every metal and fineness that has one.</summary>
    public async Task<IReadOnlyList<MetalRate>> CurrentRatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RateRow>(new CommandDefinition(SelectAllCurrent, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRate()).ToList();
    }

    internal sealed class RateRow
    {
        public required string Metal { get; init; }
        public int Fineness { get; init; }
        public long PricePerGramMinor { get; init; }
        public required string Currency { get; init; }
        public required string Source { get; init; }
        public DateTimeOffset AsOf { get; init; }

        public MetalRate ToRate()
        {
            var metal = Enum.Parse<Metal>(Metal);
            return new MetalRate
            {
                Metal = metal,
                Fineness = Canonical.Values.Fineness.Of(metal, Fineness),
                PricePerGram = new Money(MinorUnits.ToAmount(PricePerGramMinor), Canonical.Values.Currency.Parse(Currency)),
                Source = Source,
                AsOf = AsOf,
            };
        }
    }
}
