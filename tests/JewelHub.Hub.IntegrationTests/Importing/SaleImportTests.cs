using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

public sealed class SaleImportTests : IDisposable
{
    private const string Header = "BillNo,BillDate,Branch,CustNo,TagNo,Description,Qty,Amount,GST,PayMode,PaidAmt,PayRef,PaidOn";

    private const string LiveEffectCounts = """
        SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM notifications), (SELECT COUNT(*) FROM movements),
            (SELECT COUNT(*) FROM ledger_entries), (SELECT COUNT(*) FROM bill_series),
            (SELECT COUNT(*) FROM pieces WHERE status <> 'Available')
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-sales-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SampleSales_WritesBillsWithLegacyNumbersAndNoLiveEffects(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var db = hub.Database.Database;
        await Samples.Runner(hub).RunAsync(Samples.Customers, null, ct);
        await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);
        var effectsBefore = await ImportDatabase.RowsAsync(db, LiveEffectCounts, ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.Sales, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(3, 2, 0, 0, 0, 1), summary.Counts);
        Assert.Equal(
        [
            "MUM/1001|legacy-pos|2019-20|1|INR|5245000|78675|78675|0|5402350|5402350|Paid|42",
            "MUM/1002|legacy-pos|2019-20|2|INR|18500000|277500|277500|0|19055000|19055000|Paid|107",
        ], await ImportDatabase.RowsAsync(db, """
            SELECT b.number, b.series, b.financial_year, b.sequence, b.currency, b.taxable_minor, b.cgst_minor, b.sgst_minor, b.igst_minor,
                b.total_minor, b.paid_minor, b.status, (SELECT MIN(r.external_id) FROM customer_refs r WHERE r.customer_id = b.customer_id)
            FROM bills b ORDER BY b.number
            """, ct));
        Assert.Equal(["MUM/1001|1|RG-1001|Gold ring|Gold|916|4900|5245000|5402350", "MUM/1002|1|NK-2001|Necklace|Gold|916|23100|18500000|19055000"],
            await ImportDatabase.RowsAsync(db, "SELECT bill_number, line_no, sku, description, metal, fineness, net_mg, taxable_minor, total_minor FROM bill_lines ORDER BY bill_number", ct));
        Assert.Equal(["MUM/1001|Payment|5402350|INR|cash|", "MUM/1002|Payment|19055000|INR|upi|UPI-88231"],
            await ImportDatabase.RowsAsync(db, "SELECT bill_number, kind, amount_minor, currency, method, provider_reference FROM payments ORDER BY bill_number", ct));
        Assert.Equal(["MUM/1001|5402350", "MUM/1002|19055000"], await ImportDatabase.RowsAsync(db, "SELECT bill_number, amount_minor FROM purchases ORDER BY bill_number", ct));
        Assert.Equal(effectsBefore, await ImportDatabase.RowsAsync(db, LiveEffectCounts, ct));
        var reject = Assert.Single(await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct));
        Assert.Equal((4L, "BillDate; Amount; PayMode"), (reject.RowNumber, reject.ColumnName));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SalesOfUnknownCustomers_RejectsBillsWithReason(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);

        var summary = await Samples.Runner(hub).RunAsync(Samples.Sales, null, ct);

        Assert.Equal(new ImportCounts(3, 0, 0, 0, 0, 3), summary.Counts);
        Assert.Equal(
        [
            (2L, "CustNo", "customer 42 is not known under legacy-pos; import the customers first"),
            (3L, "CustNo", "customer 107 is not known under legacy-pos; import the customers first"),
        ], (await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct)).Take(2).Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "bills", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameSalesTwice_SecondRunChangesNothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.Customers, null, ct);
        await Samples.Runner(hub).RunAsync(Samples.Sales, null, ct);
        var before = await DumpAsync(hub.Database.Database, ct);

        var second = await Samples.Runner(hub).RunAsync(Samples.Sales, null, ct);

        Assert.Equal(new ImportCounts(3, 0, 0, 0, 2, 1), second.Counts);
        Assert.Equal(before, await DumpAsync(hub.Database.Database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_BillsAcrossBatchBoundaries_KeepsEachBillWholeOrRejectsItWhole(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "sales-multi.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "MUM/1,01/05/2024,MUM,,A-1,Ring,1,1000,30,CASH,3090,,01/05/2024",
            "MUM/1,01/05/2024,MUM,,A-2,Chain,1,1000,30,,,,",
            "MUM/1,01/05/2024,MUM,,A-3,Coin,1,1000,30,,,,",
            "MUM/2,02/05/2024,MUM,,B-1,Ring,1,500,15,CARD,515,CARD-1,02/05/2024",
            "MUM/2,02/05/2024,MUM,,B-2,Ring,1,oops,15,,,,",
            "MUM/3,03/05/2024,MUM,,C-1,Ring,2,700,21,UPI,700,UPI-3,03/05/2024",
        ], ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(Samples.Sales with { FilePath = file, BatchSize = 2 }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(6, 4, 0, 0, 0, 2), summary.Counts);
        Assert.Equal(["MUM/1|3|300000|309000|309000|Paid", "MUM/3|1|70000|72100|70000|PartiallyPaid"],
            await ImportDatabase.RowsAsync(hub.Database.Database, """
                SELECT b.number, (SELECT COUNT(*) FROM bill_lines l WHERE l.bill_number = b.number), b.taxable_minor, b.total_minor, b.paid_minor, b.status
                FROM bills b ORDER BY b.number
                """, ct));
        Assert.Equal(
        [
            (5L, "Amount", "rejected with row 6 of the same billNumber ('oops' is not an amount of money)"),
            (6L, "Amount", "'oops' is not an amount of money"),
        ], (await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct)).Select(r => (r.RowNumber, r.ColumnName, r.Reason)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SalesWithLiveEffects_MarksPiecesSoldOnceAndRaisesNoEvents(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var db = hub.Database.Database;
        await Samples.Runner(hub).RunAsync(Samples.Customers, null, ct);
        await Samples.Runner(hub).RunAsync(Samples.Pieces, null, ct);

        // Act
        await Samples.Runner(hub).RunAsync(Samples.Sales with { LiveEffects = true }, null, ct);
        var second = await Samples.Runner(hub).RunAsync(Samples.Sales with { LiveEffects = true }, null, ct);

        // Assert
        Assert.Equal(2, second.Counts.Unchanged);
        Assert.Equal(["BR-3001|Available", "NK-2001|Sold", "RG-1001|Sold"], await ImportDatabase.RowsAsync(db, "SELECT sku, status FROM pieces ORDER BY sku", ct));
        Assert.Equal(["NK-2001|Sale|-1|-23100|MUM/1002", "RG-1001|Sale|-1|-4900|MUM/1001"],
            await ImportDatabase.RowsAsync(db, "SELECT sku, reason, quantity_delta, weight_delta_mg, reference FROM movements WHERE reason = 'Sale' ORDER BY sku", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(db, "events", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(db, "notifications", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(db, "ledger_entries", ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<IReadOnlyList<string>> DumpAsync(Database db, CancellationToken cancellationToken) =>
        [
            .. await ImportDatabase.RowsAsync(db, "SELECT id, customer_id, branch, place_of_supply, status FROM sales_orders ORDER BY id", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT order_id, line_no, sku, quantity FROM sales_order_lines ORDER BY order_id, line_no", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, """
                SELECT number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor, cgst_minor, sgst_minor, igst_minor,
                    total_minor, paid_minor, status, place_of_supply FROM bills ORDER BY number
                """, cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT bill_number, line_no, sku, description, taxable_minor, total_minor FROM bill_lines ORDER BY bill_number, line_no", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT id, bill_number, amount_minor, method, provider_reference FROM payments ORDER BY id", cancellationToken),
            .. await ImportDatabase.RowsAsync(db, "SELECT customer_id, bill_number, amount_minor FROM purchases ORDER BY bill_number", cancellationToken),
        ];
}
