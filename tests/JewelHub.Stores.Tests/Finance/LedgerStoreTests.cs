using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

public sealed class LedgerStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Money Inr(decimal amount) => new(amount, Currency.Inr);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TrialBalance_AfterBillsPaymentsRefundsAndVoids_DebitsEqualCredits(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var paid = await sut.BilledOrderAsync("SO-1", Ct);
        var voided = await sut.BilledOrderAsync("SO-2", Ct);
        var partial = await sut.BilledOrderAsync("SO-3", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", paid.Number, 71_585m, method: "cash"), ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("REF-1", paid.Number, 585m, PaymentKind.Refund, method: "cash", refundOf: "PAY-1"), ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-2", partial.Number, 30_000m), ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.VoidBillAsync(unit, voided.Number, "duplicate", ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostStockAdjustmentAsync(unit, "ADJ-1", Inr(-12_000m), ct), Ct);

        var balance = await sut.Ledger.TrialBalanceAsync(Ct);

        Assert.True(balance.Balanced);
        Assert.Equal(balance.TotalDebit, balance.TotalCredit);
        decimal Net(string account) => balance.Accounts.Where(a => a.Account == account).Sum(a => a.Balance);
        Assert.Equal(71_000m, Net(LedgerAccounts.Cash));
        Assert.Equal(30_000m, Net(LedgerAccounts.Bank));
        Assert.Equal(71_585m * 2 - 71_000m - 30_000m, Net(LedgerAccounts.Receivables));
        Assert.Equal(-69_500m * 2, Net(LedgerAccounts.Sales));
        Assert.Equal(-1_042.50m * 2, Net(LedgerAccounts.TaxPayableCgst));
        Assert.Equal(-12_000m, Net(LedgerAccounts.Inventory));
        Assert.Equal(12_000m, Net(LedgerAccounts.StockAdjustments));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_Unbalanced_ThrowsAndWritesNothing(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        LedgerLine[] unbalanced = [LedgerLine.Dr(LedgerAccounts.Cash, Inr(100m)), LedgerLine.Cr(LedgerAccounts.Sales, Inr(99.99m))];
        LedgerLine[] mixed = [LedgerLine.Dr(LedgerAccounts.Cash, Inr(100m)), LedgerLine.Cr(LedgerAccounts.Sales, new Money(100m, Currency.Parse("USD")))];
        LedgerLine[] oneSided = [LedgerLine.Dr(LedgerAccounts.Cash, Inr(100m))];

        await Assert.ThrowsAsync<ArgumentException>(() => sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostAsync(unit, "J-1", "test", unbalanced, ct), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostAsync(unit, "J-2", "test", mixed, ct), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostAsync(unit, "J-3", "test", oneSided, ct), Ct));

        Assert.Empty((await sut.Ledger.TrialBalanceAsync(Ct)).Accounts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SameReferenceTwice_PostedOnce(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        LedgerLine[] lines = [LedgerLine.Dr(LedgerAccounts.Cash, Inr(250m)), LedgerLine.Cr(LedgerAccounts.Receivables, Inr(250m))];

        var first = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostAsync(unit, "J-1", "test", lines, ct), Ct);
        var second = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostAsync(unit, "J-1", "test", lines, ct), Ct);
        var adjusted = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostStockAdjustmentAsync(unit, "ADJ-1", Inr(500m), ct), Ct);
        var adjustedAgain = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Ledger.PostStockAdjustmentAsync(unit, "ADJ-1", Inr(500m), ct), Ct);

        Assert.Equal((true, false, true, false), (first, second, adjusted, adjustedAgain));
        var balance = await sut.Ledger.TrialBalanceAsync(Ct);
        Assert.Equal(750m, balance.TotalDebit);
        Assert.Equal(500m, balance.Accounts.Single(a => a.Account == LedgerAccounts.Inventory).Debit);
    }
}
