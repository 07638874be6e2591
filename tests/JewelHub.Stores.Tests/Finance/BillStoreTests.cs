using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

public sealed class BillStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBill_200ConcurrentOrders_NumbersOneTo200WithoutGapOrDuplicate(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var ids = Enumerable.Range(1, 200).Select(i => $"SO-{i}").ToList();
        foreach (var id in ids)
        {
            await sut.OrderAsync(id, Ct);
        }

        var results = await Task.WhenAll(ids.Select(id => Task.Run(
            () => sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, id, [FinanceSut.Ring($"RING-{id}")], "MUM", FinanceSut.IssueDay, ct), Ct), Ct)));

        Assert.All(results, result => Assert.Equal(IssueBillOutcome.Issued, result.Outcome));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Bill!.Sequence).Order());
        Assert.Equal(200, results.Select(r => r.Bill!.Number).Distinct().Count());
        Assert.Contains(results, r => r.Bill!.Number == "MUM/2026-27/000200");
        Assert.Equal(200, results.Select(r => r.Bill!.OrderId).Distinct().Count());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBill_FailsAfterTakingNumber_NumberNotConsumed(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var failing = await sut.OrderAsync("SO-FAIL", Ct);
        var good = await sut.OrderAsync("SO-GOOD", Ct);
        // Quantity 0 passes the pricer but breaks the bill_lines CHECK after the number was taken.
        var broken = FinanceSut.Ring("RING-SO-FAIL") with { Quantity = 0 };

        await Assert.ThrowsAnyAsync<Exception>(() => sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, failing.Id, [broken], "MUM", FinanceSut.IssueDay, ct), Ct));
        var issued = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, good.Id, [FinanceSut.Ring("RING-SO-GOOD")], "MUM", FinanceSut.IssueDay, ct), Ct);
        var retried = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, failing.Id, [FinanceSut.Ring("RING-SO-FAIL")], "MUM", FinanceSut.IssueDay, ct), Ct);

        Assert.Equal("MUM/2026-27/000001", issued.Bill!.Number);
        Assert.Equal("MUM/2026-27/000002", retried.Bill!.Number);
        await using var connection = await sut.Database.Database.OpenAsync(Ct);
        var next = await connection.ExecuteScalarAsync<long>(
            "SELECT next_number FROM bill_series WHERE series = 'MUM' AND financial_year = '2026-27'");
        Assert.Equal(3, next);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBill_AcrossFirstAprilInShopTimeZone_NewYearRestartsAtOne(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        await sut.OrderAsync("SO-1", Ct);
        await sut.OrderAsync("SO-2", Ct);
        await sut.OrderAsync("SO-3", Ct);
        // 18:29 UTC on 31 March is 23:59 IST; 18:31 UTC is 00:01 IST on 1 April, the new financial year.
        var lastOfYear = new DateTimeOffset(2027, 3, 31, 18, 29, 0, TimeSpan.Zero);
        var firstOfYear = new DateTimeOffset(2027, 3, 31, 18, 31, 0, TimeSpan.Zero);

        var a = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-1", [FinanceSut.Ring("R1")], "MUM", lastOfYear, ct), Ct);
        var b = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-2", [FinanceSut.Ring("R2")], "MUM", firstOfYear, ct), Ct);
        var c = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-3", [FinanceSut.Ring("R3")], "BLR", firstOfYear, ct), Ct);

        Assert.Equal("MUM/2026-27/000001", a.Bill!.Number);
        Assert.Equal("MUM/2027-28/000001", b.Bill!.Number);
        Assert.Equal("BLR/2027-28/000001", c.Bill!.Number);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBill_SameOrderTwice_OneBillOneNumber(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        await sut.OrderAsync("SO-1", Ct);
        await sut.OrderAsync("SO-2", Ct);

        var first = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-1", [FinanceSut.Ring("R1")], "MUM", FinanceSut.IssueDay, ct), Ct);
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-1", [FinanceSut.Ring("R1")], "MUM", FinanceSut.IssueDay, ct), Ct)));
        var next = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-2", [FinanceSut.Ring("R2")], "MUM", FinanceSut.IssueDay, ct), Ct);

        Assert.Equal(IssueBillOutcome.Issued, first.Outcome);
        Assert.All(again, r => Assert.Equal((IssueBillOutcome.AlreadyIssued, first.Bill!.Number), (r.Outcome, r.Bill!.Number)));
        Assert.Equal("MUM/2026-27/000002", next.Bill!.Number);
        Assert.Equal(SalesOrderStatus.Billed, (await sut.Orders.GetOrderAsync("SO-1", Ct))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBill_RingWithinState_StoresEveryComponentRateAndTaxSplit(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);

        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        var stored = await sut.Bills.GetBillAsync(bill.Number, Ct);

        var line = Assert.Single(stored!.Lines);
        Assert.Equal((65_000.00m, 4_500.00m, 69_500.00m), (line.MetalValue, line.MakingCharge, line.Taxable));
        Assert.Equal((10.000m, 6_500m, "board", FinanceSut.IssueDay.AddHours(-2)), (line.NetWeight, line.RatePerGram, line.RateSource, line.RateAsOf));
        Assert.Equal((1_042.50m, 1_042.50m, 0m), (stored.Tax.Cgst, stored.Tax.Sgst, stored.Tax.Igst));
        Assert.Equal((69_500.00m, 71_585.00m, 0m, BillStatus.Issued), (stored.Taxable, stored.Total, stored.Paid, stored.Status));
        Assert.Equal(("INR", "MH", "2026-27", 1L), (stored.Currency, stored.PlaceOfSupply, stored.FinancialYear, stored.Sequence));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task VoidBill_Unpaid_KeepsNumberReversesPostingAndCancelsOrder(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);

        var voided = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.VoidBillAsync(unit, bill.Number, "wrong customer", ct), Ct);
        var again = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.VoidBillAsync(unit, bill.Number, "wrong customer", ct), Ct);
        var next = await sut.BilledOrderAsync("SO-2", Ct);

        Assert.Equal((VoidBillOutcome.Voided, BillStatus.Voided), (voided.Outcome, voided.Bill!.Status));
        Assert.Equal(VoidBillOutcome.AlreadyVoided, again.Outcome);
        Assert.Equal("MUM/2026-27/000002", next.Number);
        Assert.Equal(SalesOrderStatus.Cancelled, (await sut.Orders.GetOrderAsync("SO-1", Ct))!.Status);
        var reversal = await sut.Ledger.PostingAsync($"bill-void:{bill.Number}", Ct);
        Assert.Contains(reversal, e => e.Account == LedgerAccounts.Receivables && e.Credit == 71_585.00m);
        Assert.Contains(reversal, e => e.Account == LedgerAccounts.Sales && e.Debit == 69_500.00m);
        Assert.Equal(IssueBillOutcome.AlreadyIssued, (await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-1", [FinanceSut.Ring("R")], "MUM", FinanceSut.IssueDay, ct), Ct)).Outcome);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task VoidBill_WithPayment_RefusedAndUnchanged(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 1_000m), ct), Ct);

        var result = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.VoidBillAsync(unit, bill.Number, "changed mind", ct), Ct);

        Assert.Equal((VoidBillOutcome.HasPayments, BillStatus.PartiallyPaid), (result.Outcome, result.Bill!.Status));
        await using var connection = await sut.Database.Database.OpenAsync(Ct);
        var postings = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ledger_postings WHERE reference LIKE 'bill-void:%'");
        Assert.Equal(0, postings);
    }

    [Fact]
    public async Task IssueBill_UnknownOrder_OrderNotFound()
    {
        await using var sut = await FinanceSut.CreateAsync(DatabaseProvider.Sqlite, Ct);

        var result = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, "SO-NONE", [FinanceSut.Ring("R")], "MUM", FinanceSut.IssueDay, ct), Ct);

        Assert.Equal(IssueBillOutcome.OrderNotFound, result.Outcome);
    }
}
