using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Finance;

/// <summary>One side of a ledger posting: an account debited or credited with an amount.</summary>
public sealed record LedgerLine(string Account, Currency Currency, decimal Debit, decimal Credit)
{
    public static LedgerLine Dr(string account, Money amount) => new(account, amount.Currency, amount.Amount, 0m);

    public static LedgerLine Cr(string account, Money amount) => new(account, amount.Currency, 0m, amount.Amount);
}

/// <summary>The balance of one account in one currency.</summary>
public sealed record AccountBalance
{
    public required string Account { get; init; }
    public required string Currency { get; init; }
    public required decimal Debit { get; init; }
    public required decimal Credit { get; init; }
    public decimal Balance => Debit - Credit;
}

/// <summary>Every account's debits and credits; in double entry the totals are equal.</summary>
public sealed record TrialBalance(IReadOnlyList<AccountBalance> Accounts)
{
    public decimal TotalDebit => Accounts.Sum(a => a.Debit);

    public decimal TotalCredit => Accounts.Sum(a => a.Credit);

    /// <summary>True when debits equal credits in every currency.</summary>
    public bool Balanced => Accounts.GroupBy(a => a.Currency).All(g => g.Sum(a => a.Debit) == g.Sum(a => a.Credit));
}
