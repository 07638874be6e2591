using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
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
        await sut.Rates.RecordRateAsync(Gold916, Ct);
        var order = await sut.OrderAsync("SO-1", Ct);
        var held = await sut.Inventory.ReserveAsync(order.Id, order.Branch, order.Lines, FinanceSut.IssueDay.AddYears(5), Ct);
        var pricing = await new OrderPricer(sut.Inventory, sut.Rates, new LinePricer(new TaxRules())).PriceAsync(order, Ct);
        var bill = (await sut.Bills.IssueBillAsync(order.Id, pricing.Lines, "MUM", FinanceSut.IssueDay, Ct)).Bill!;

        var partial = await sut.Payments.RecordPaymentAsync(FinanceSut.Payment("PAY-1", bill.Number, 1_585m), Ct);
        Assert.Equal(PieceStatus.Reserved, (await sut.Inventory.GetPieceAsync("RING-SO-1", Ct))!.Status);
        var rest = await sut.Payments.RecordPaymentAsync(FinanceSut.Payment("PAY-2", bill.Number, 70_000m), Ct);

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
    public async Task Adjust_PieceLosesHalfGram_PostedAtCurrentRateOnce(DatabaseProvider provider)
    {
        await using var sut = await FinanceSut.CreateAsync(provider, Ct);
        await sut.PieceAsync("RING-1", Ct);
        await sut.Rates.RecordRateAsync(Gold916, Ct);
        var posting = new StockAdjustmentPosting(sut.Inventory, sut.Rates, sut.Ledger);
        var adjustment = new StockAdjustment { Reference = "COUNT-7", Sku = "RING-1", Branch = "MUM", WeightDelta = -0.500m };

        var first = await sut.Inventory.AdjustAsync(adjustment, posting.PostAsync, Ct);
        var again = await sut.Inventory.AdjustAsync(adjustment, posting.PostAsync, Ct);

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
        await sut.Rates.RecordRateAsync(Gold916, Ct);
        Assert.True(await posting.CanValueAsync("RING-1", Ct));
    }
}
