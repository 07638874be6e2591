using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Events;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Operations;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

/// <summary>Finance and inventory changing together: a settled bill sells its pieces, an adjustment is posted at the rate.</summary>
public sealed class SettlementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MetalRate Gold916 => new()
    {
        Metal = Metal.Gold,
        Fineness = Fineness.Of(Metal.Gold, 916),
        PricePerGram = new Money(6_500m, Currency.Inr),
        Source = "board",
        AsOf = FinanceSut.IssueDay.AddHours(-2),
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordPayment_SettlesReservedOrder_PieceSoldInSameTransaction(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        await sut.PieceAsync("RING-SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold916, ct), Ct);
        var order = await sut.OrderAsync("SO-1", Ct);
        var held = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Inventory.ReserveAsync(unit, order.Id, order.Branch, order.Lines, FinanceSut.IssueDay.AddYears(5), ct), Ct);
        var pricing = await new OrderPricer(sut.Inventory, sut.Rates, new LinePricer(new TaxRules())).PriceAsync(order, Ct);
        var bill = (await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, order.Id, pricing.Lines, "MUM", FinanceSut.IssueDay, ct), Ct)).Bill!;

        var partial = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-1", bill.Number, 1_585m), ct), Ct);
        Assert.Equal(PieceStatus.Reserved, (await sut.Inventory.GetPieceAsync("RING-SO-1", Ct))!.Status);
        var rest = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, FinanceSut.Payment("PAY-2", bill.Number, 70_000m), ct), Ct);

        Assert.True(held.Succeeded);
        Assert.Equal(71_585m, bill.Total);
        Assert.Null(partial.Sale);
        Assert.Equal((SaleCommitOutcome.Committed, BillStatus.Paid), (rest.Sale, rest.Bill!.Status));
        Assert.Equal(PieceStatus.Sold, (await sut.Inventory.GetPieceAsync("RING-SO-1", Ct))!.Status);
        Assert.Equal(SalesOrderStatus.Paid, (await sut.Orders.GetOrderAsync("SO-1", Ct))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueBillAtCurrentRates_HeldOrder_BillAsPricedAndAsStored(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var pricer = new OrderPricer(sut.Inventory, sut.Rates, new LinePricer(new TaxRules()));
        await sut.PieceAsync("RING-SO-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold916, ct), Ct);
        var order = await sut.OrderAsync("SO-1", Ct);
        var before = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAtCurrentRatesAsync(unit, order.Id, null, pricer, requireHold: true, FinanceSut.IssueDay, ct), Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Inventory.ReserveAsync(unit, order.Id, order.Branch, order.Lines, FinanceSut.IssueDay.AddYears(5), ct), Ct);
        var snapshot = await sut.Orders.GetForPricingAsync(order.Id, Ct);
        var priced = await pricer.PriceAsync(order, Ct);

        // An issue time with ticks below a microsecond: the bill returned must still equal the bill read back.
        var issued = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAtCurrentRatesAsync(unit, order.Id, null, pricer, requireHold: true, FinanceSut.IssueDay.AddTicks(1234567), ct), Ct);
        var again = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAtCurrentRatesAsync(unit, order.Id, "OTHER", pricer, requireHold: true, FinanceSut.IssueDay, ct), Ct);
        var stored = await sut.Bills.GetBillAsync(issued.BillNumber!, Ct);

        Assert.Equal(IssueBillOutcome.NotHeld, before.Outcome);
        Assert.Equivalent(priced, pricer.Price(snapshot!), strict: true);
        Assert.Equal((IssueBillOutcome.Issued, "MUM/2026-27/000001", 71_585m), (issued.Outcome, issued.BillNumber, issued.Total));
        Assert.Equal((IssueBillOutcome.AlreadyIssued, issued.BillNumber, 71_585m), (again.Outcome, again.BillNumber, again.Total));
        Assert.Equivalent(priced.Lines, stored!.Lines, strict: true);
        Assert.Equal(SalesOrderStatus.Billed, (await sut.Orders.GetOrderAsync(order.Id, Ct))!.Status);
        var posting = await sut.Ledger.PostingsAsync([$"bill:{issued.BillNumber}", "bill:none"], Ct);
        Assert.Equal(71_585m, posting[$"bill:{issued.BillNumber}"].Sum(entry => entry.Debit));
        Assert.Empty(posting["bill:none"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IssueAndPay_ReturnedBillAndPayment_EqualWhatIsReadBack(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        var order = await sut.OrderAsync("SO-1", Ct);
        var issued = (await sut.Database.Database.InUnitAsync((unit, ct) => sut.Bills.IssueBillAsync(unit, order.Id, [FinanceSut.Ring("RING-SO-1")], "MUM", FinanceSut.IssueDay.AddTicks(7654321), ct), Ct)).Bill!;
        var storedBill = await sut.Bills.GetBillAsync(issued.Number, Ct);
        var payment = FinanceSut.Payment("PAY-1", issued.Number, 1_585m) with { At = FinanceSut.IssueDay.AddTicks(9876543).ToOffset(TimeSpan.FromHours(5.5)) };
        var paid = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, payment, ct), Ct);
        var repeat = await sut.Database.Database.InUnitAsync((unit, ct) => sut.Payments.RecordPaymentAsync(unit, payment, ct), Ct);

        Assert.Equivalent(storedBill, issued, strict: true);
        Assert.Equivalent(await sut.Payments.GetPaymentAsync("PAY-1", Ct), paid.Payment, strict: true);
        Assert.Equivalent(await sut.Bills.GetBillAsync(issued.Number, Ct), paid.Bill, strict: true);
        Assert.Equal(PaymentOutcome.AlreadyRecorded, repeat.Outcome);
        Assert.Equivalent(paid.Payment, repeat.Payment, strict: true);
        Assert.Equivalent(paid.Bill, repeat.Bill, strict: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Adjust_PieceLosesHalfGram_PostedAtCurrentRateOnce(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        await sut.PieceAsync("RING-1", Ct);
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold916, ct), Ct);
        var posting = new StockAdjustmentPosting(sut.Inventory, sut.Rates, sut.Ledger);
        var adjustment = new StockAdjustment { Reference = "COUNT-7", Sku = "RING-1", Branch = "MUM", WeightDelta = -0.500m };

        var stock = new StockOperations(sut.Inventory, posting, new EventStore(sut.Database.Database, TimeProvider.System), TimeProvider.System);
        var first = await sut.Database.Database.InUnitAsync((unit, ct) => stock.AdjustAsync(unit, adjustment, ct), Ct);
        var again = await sut.Database.Database.InUnitAsync((unit, ct) => stock.AdjustAsync(unit, adjustment, ct), Ct);

        Assert.Equal((AdjustmentOutcome.Adjusted, AdjustmentOutcome.AlreadyApplied), (first.Outcome, again.Outcome));
        var balance = await sut.Ledger.TrialBalanceAsync(Ct);
        Assert.True(balance.Balanced);
        Assert.Equal(3_250m, balance.Accounts.Single(a => a.Account == LedgerAccounts.Inventory).Credit);
        Assert.Equal(3_250m, balance.Accounts.Single(a => a.Account == LedgerAccounts.StockAdjustments).Debit);
    }

    [Fact]
    public async Task CanValue_NoRateForMetal_False()
    {
        await using var sut = await FinanceSut.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await sut.PieceAsync("RING-1", Ct);
        var posting = new StockAdjustmentPosting(sut.Inventory, sut.Rates, sut.Ledger);

        Assert.False(await posting.CanValueAsync("RING-1", Ct));
        await sut.Database.Database.InUnitAsync((unit, ct) => sut.Rates.RecordRateAsync(unit, Gold916, ct), Ct);
        Assert.True(await posting.CanValueAsync("RING-1", Ct));
    }
}
