namespace JewelHub.Canonical.Values;

/// <summary>An amount in one currency. Arithmetic across currencies is refused, never converted silently.</summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    /// <summary>Zero in the given currency.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    public Money Plus(Money other) => new(Amount + SameCurrency(other).Amount, Currency);

    /// <summary>Subtracts an amount of the same currency.</summary>
    public Money Minus(Money other) => new(Amount - SameCurrency(other).Amount, Currency);

    /// <summary>Multiplies by a factor (a weight, a rate or a percentage as a fraction).</summary>
    public Money Times(decimal factor) => new(Amount * factor, Currency);

    /// <summary>Rounds to the currency's minor unit (two places), half away from zero as bills are printed.</summary>
    public Money Rounded() => new(Math.Round(Amount, 2, MidpointRounding.AwayFromZero), Currency);

    /// <summary>The amount in the smallest unit (paise, cents), as payment gateways send it.</summary>
    public long ToMinorUnits() => (long)Math.Round(Amount * 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary>An amount given in the smallest unit (paise, cents).</summary>
    public static Money FromMinorUnits(long minor, Currency currency) => new(minor / 100m, currency);

    private Money SameCurrency(Money other) =>
        other.Currency == Currency
            ? other
            : throw new CurrencyMismatchException(Currency, other.Currency);

    public override string ToString() => $"{Amount:0.00} {Currency}";
}

/// <summary>Thrown when amounts in different currencies are combined.</summary>
public sealed class CurrencyMismatchException(Currency left, Currency right)
    : InvalidOperationException($"Cannot combine {left} with {right}.");
