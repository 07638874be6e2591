using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

public sealed class PaymentStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_PartialThenRest_BillAndOrderPaid(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);

        var partial = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 20_000m, method: "cash"), ct), Ct);
        var rest = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-2", bill.Number, 51_585m), ct), Ct);

        Assert.Equal((PaymentOutcome.Recorded, BillStatus.PartiallyPaid, 20_000m), (partial.Outcome, partial.Bill!.Status, partial.Bill.Paid));
        Assert.Equal((PaymentOutcome.Recorded, BillStatus.Paid, 71_585m), (rest.Outcome, rest.Bill!.Status, rest.Bill.Paid));
        Assert.Equal(SalesOrderStatus.Paid, (await sut.Orders.GetOrderAsync("SO-1", Ct))!.Status);
        Assert.Equal(20_000m, (await sut.Payments.GetPaymentAsync("PAY-1", Ct))!.Amount);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_SameIdTwiceConcurrently_RecordedOnce(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        var payment = FinanceSut.Payment("PAY-1", bill.Number, 10_000m);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, payment, ct), Ct), Ct)));

        Assert.Single(results, r => r.Outcome == PaymentOutcome.Recorded);
        Assert.All(results, r => Assert.Equal(10_000m, r.Bill!.Paid));
        Assert.Equal(10_000m, (await sut.Bills.GetBillAsync(bill.Number, Ct))!.Paid);
        Assert.Single(await sut.Ledger.PostingAsync("payment:PAY-1", Ct), e => e.Account == LedgerAccounts.Bank);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_SameProviderReferenceUnderNewId_NotRecordedAgain(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);

        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 5_000m) with { ProviderReference = "pay_Abc" }, ct), Ct);
        var retry = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-2", bill.Number, 5_000m) with { ProviderReference = "pay_Abc" }, ct), Ct);

        Assert.Equal((PaymentOutcome.DuplicateProviderReference, "PAY-1", 5_000m), (retry.Outcome, retry.Payment!.Id, retry.Bill!.Paid));
        Assert.Null(await sut.Payments.GetPaymentAsync("PAY-2", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_RefusedCases_NothingWritten(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 1_000m), ct), Ct);

        var over = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-2", bill.Number, 70_585.01m), ct), Ct);
        var refund = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("REF-1", bill.Number, 1_000.01m, PaymentKind.Refund, refundOf: "PAY-1"), ct), Ct);
        var currency = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-3", bill.Number, 10m) with { Currency = "USD" }, ct), Ct);
        var unknown = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-4", "MUM/2026-27/000099", 10m), ct), Ct);

        Assert.Equal(
            [PaymentOutcome.ExceedsOutstanding, PaymentOutcome.ExceedsPaid, PaymentOutcome.CurrencyMismatch, PaymentOutcome.BillNotFound],
            new[] { over.Outcome, refund.Outcome, currency.Outcome, unknown.Outcome });
        await using var connection = await sut.Database.Database.OpenAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM payments"));
        Assert.Equal(1_000m, (await sut.Bills.GetBillAsync(bill.Number, Ct))!.Paid);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_RefundAfterFullPayment_PaidDropsAndOrderStaysPaid(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 71_585m), ct), Ct);

        var refund = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("REF-1", bill.Number, 1_585m, PaymentKind.Refund, refundOf: "PAY-1"), ct), Ct);
        var again = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("REF-1", bill.Number, 1_585m, PaymentKind.Refund, refundOf: "PAY-1"), ct), Ct);

        Assert.Equal((PaymentOutcome.Recorded, BillStatus.PartiallyPaid, 70_000m), (refund.Outcome, refund.Bill!.Status, refund.Bill.Paid));
        Assert.Equal((PaymentOutcome.AlreadyRecorded, 70_000m), (again.Outcome, again.Bill!.Paid));
        var posting = await sut.Ledger.PostingAsync("payment:REF-1", Ct);
        Assert.Contains(posting, e => e.Account == LedgerAccounts.Bank && e.Credit == 1_585m);
        Assert.Contains(posting, e => e.Account == LedgerAccounts.Receivables && e.Debit == 1_585m);
    }

    [Fact]
    public async Task RecordPayment_VoidedBill_Refused()
    {
        await using var sut = await FinanceSut.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.VoidBillAsync(unit, bill.Number, "error", ct), Ct);

        var result = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 100m), ct), Ct);

        Assert.Equal(PaymentOutcome.BillVoided, result.Outcome);
    }
}
