using System.Data.Common;
using System.Globalization;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Storage;

namespace JewelHub.Stores.Finance;

/// <summary>
/// Bills (tax invoices) with gap-free numbers per series and financial year. A number is taken from the series
/// counter inside the same write transaction that inserts the bill, so a failed issue rolls the counter back and
/// never leaves a hole; a voided bill keeps its number for ever.
/// </summary>
public sealed class BillStore(Database db, FinanceOptions options, OrderStore orders, LedgerStore ledger, TimeProvider clock)
{
    private const string EnsureSeries = """
        INSERT INTO bill_series (series, financial_year, next_number) VALUES (@Series, @FinancialYear, 1)
        ON CONFLICT (series, financial_year) DO NOTHING
        """;

    private const string TakeNumber = """
        UPDATE bill_series SET next_number = next_number + 1
        WHERE series = @Series AND financial_year = @FinancialYear
        RETURNING next_number - 1
        """;

    private const string InsertBill = """
        INSERT INTO bills (number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor,
            cgst_minor, sgst_minor, igst_minor, total_minor, paid_minor, status, place_of_supply, issued_at)
        VALUES (@Number, @Series, @FinancialYear, @Sequence, @OrderId, @CustomerId, @Currency, @TaxableMinor,
            @CgstMinor, @SgstMinor, @IgstMinor, @TotalMinor, 0, 'Issued', @PlaceOfSupply, @IssuedAt)
        """;

    private const string InsertLine = """
        INSERT INTO bill_lines (bill_number, line_no, sku, description, metal, fineness, quantity, net_mg,
            rate_per_gram_minor, rate_source, rate_as_of, metal_minor, wastage_minor, making_minor, stone_minor, other_minor,
            taxable_minor, hsn, cgst_minor, sgst_minor, igst_minor, total_minor)
        VALUES (@BillNumber, @LineNo, @Sku, @Description, @Metal, @Fineness, @Quantity, @NetMg,
            @RatePerGramMinor, @RateSource, @RateAsOf, @MetalMinor, @WastageMinor, @MakingMinor, @StoneMinor, @OtherMinor,
            @TaxableMinor, @Hsn, @CgstMinor, @SgstMinor, @IgstMinor, @TotalMinor)
        """;

    private const string Columns = """
        number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor, cgst_minor, sgst_minor,
        igst_minor, total_minor, paid_minor, status, place_of_supply, issued_at
        """;

    private const string SelectBill = $"SELECT {Columns} FROM bills WHERE number = @Number";

    private const string SelectBillForOrder = $"SELECT {Columns} FROM bills WHERE order_id = @OrderId";

    internal const string SelectLines = """
        SELECT bill_number, line_no, sku, description, metal, fineness, quantity, net_mg, rate_per_gram_minor, rate_source,
            rate_as_of, metal_minor, wastage_minor, making_minor, stone_minor, other_minor, taxable_minor, hsn, cgst_minor,
            sgst_minor, igst_minor, total_minor, attributes
        FROM bill_lines WHERE bill_number = @Number ORDER BY line_no
        """;

    // The order's status changes in the same round trip as the number, just before it is taken.
    private const string MarkBilled = "UPDATE sales_orders SET status = 'Billed' WHERE id = @OrderId";

    private const string UpdatePaid = "UPDATE bills SET paid_minor = @PaidMinor, status = @Status WHERE number = @Number";

    private const string MarkVoided = """
        UPDATE bills SET status = 'Voided', voided_at = @VoidedAt, void_reason = @Reason WHERE number = @Number
        """;

    private readonly TimeZoneInfo _zone = options.ResolveTimeZone();

    /// <summary>
    /// Issues the bill of an order from its priced lines, numbered {series}/{financial year}/{sequence:000000} by the
    /// issue date in the shop's time zone, and posts Dr receivables / Cr sales and tax payable. One bill per order:
    /// a second call returns the first bill.
    /// </summary>
    public async Task<IssueBillResult> IssueBillAsync(
        UnitOfWork unit, string orderId, IReadOnlyList<PricedLine> lines, string series, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        CheckBill(lines, series);
        var (order, existing) = await orders.LockWithBillAsync(unit, orderId, cancellationToken);
        if (order is null)
        {
            return new IssueBillResult(IssueBillOutcome.OrderNotFound, null);
        }

        if (existing is not null)
        {
            return new IssueBillResult(IssueBillOutcome.AlreadyIssued, await WithLinesAsync(unit.Connection, unit.Transaction, existing, cancellationToken));
        }

        if (order.Status == SalesOrderStatus.Cancelled)
        {
            return new IssueBillResult(IssueBillOutcome.OrderCancelled, null);
        }

        var (bill, rows) = await WriteAsync(unit, order, lines, series, issuedAt, cancellationToken);
        return new IssueBillResult(IssueBillOutcome.Issued, bill.ToBill(rows));
    }

    /// <summary>
    /// Issues the order's bill priced at this moment, in one transaction: locks the order, then reads it, its bill,
    /// whether it still holds its pieces and what pricing needs, all in one round trip; prices it with
    /// <paramref name="pricer"/>, and only then takes the next number of the series (the branch id in capitals when
    /// <paramref name="series"/> is empty) and writes the bill, its lines and its posting in one more. One bill per
    /// order: a second call answers with the first bill. With <paramref name="requireHold"/>, an order that holds no
    /// pieces is answered NotHeld and nothing is written (take the hold again and call once more).
    /// </summary>
    public async Task<OrderBillResult> IssueBillAtCurrentRatesAsync(
        UnitOfWork unit, string orderId, string? series, OrderPricer pricer, bool requireHold, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var read = await orders.LockForIssueAsync(unit, orderId, cancellationToken);
        if (read is null)
        {
            return new OrderBillResult(IssueBillOutcome.OrderNotFound);
        }

        var order = read.Pricing.Order;
        if (read.Bill is { } existing)
        {
            return new OrderBillResult(IssueBillOutcome.AlreadyIssued) { Order = order, BillNumber = existing.Number, Total = MinorUnits.ToAmount(existing.TotalMinor) };
        }

        if (order.Status == SalesOrderStatus.Cancelled)
        {
            return new OrderBillResult(IssueBillOutcome.OrderCancelled) { Order = order };
        }

        if (requireHold && !read.Held)
        {
            return new OrderBillResult(IssueBillOutcome.NotHeld) { Order = order };
        }

        var pricing = pricer.Price(read.Pricing);
        if (!pricing.Priced)
        {
            return new OrderBillResult(IssueBillOutcome.Unpriceable) { Order = order, Problems = pricing.Problems };
        }

        var billSeries = series is null or "" ? order.Branch.ToUpperInvariant() : series;
        CheckBill(pricing.Lines, billSeries);
        var (written, rows) = await WriteAsync(unit, order, pricing.Lines, billSeries, issuedAt, cancellationToken);
        return new OrderBillResult(IssueBillOutcome.Issued)
        {
            Order = order,
            BillNumber = written.Number,
            Total = MinorUnits.ToAmount(written.TotalMinor),
            Bill = written.ToBill(rows),
        };
    }

    /// <summary>The bill with its lines, or null.</summary>
    public async Task<Bill?> GetBillAsync(string number, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, SelectBill, new { Number = number }, cancellationToken);
    }

    /// <summary>The bill of an order, or null when it has none.</summary>
    public async Task<Bill?> GetBillForOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, SelectBillForOrder, new { OrderId = orderId }, cancellationToken);
    }

    /// <summary>
    /// Voids an unpaid bill: its number stays taken, the issue posting is reversed and the order is cancelled so that
    /// its pieces can be released. Idempotent.
    /// </summary>
    public async Task<VoidBillResult> VoidBillAsync(UnitOfWork unit, string number, string reason, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var row = await LockAsync(unit, number, cancellationToken);
        if (row is null)
        {
            return new VoidBillResult(VoidBillOutcome.NotFound, null);
        }

        if (row.BillStatus == BillStatus.Voided || row.PaidMinor > 0)
        {
            var current = await ReadAsync(connection, transaction, SelectBill, new { Number = number }, cancellationToken);
            return new VoidBillResult(row.BillStatus == BillStatus.Voided ? VoidBillOutcome.AlreadyVoided : VoidBillOutcome.HasPayments, current);
        }

        var voidedAt = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(MarkVoided, new
        {
            Number = number,
            VoidedAt = voidedAt,
            Reason = reason,
        }, transaction, cancellationToken: cancellationToken));
        var reversal = IssueLines(row).Select(line => line with { Debit = line.Credit, Credit = line.Debit }).ToList();
        await ledger.PostAsync(unit, $"bill-void:{number}", $"Void of bill {number}: {reason}", reversal, cancellationToken);
        await unit.ExecuteAsync(OrderStore.SetStatus(row.OrderId, SalesOrderStatus.Cancelled), cancellationToken);
        var voided = await ReadAsync(connection, transaction, SelectBill, new { Number = number }, cancellationToken);
        return new VoidBillResult(VoidBillOutcome.Voided, voided) { VoidedAt = voidedAt };
    }

    /// <summary>Reads the bill row and, on PostgreSQL, locks it until the transaction ends.</summary>
    internal Task<BillRow?> LockAsync(UnitOfWork unit, string number, CancellationToken cancellationToken) =>
        unit.Connection.QuerySingleOrDefaultAsync<BillRow?>(unit.Command(LockSql, new { Number = number }, cancellationToken));

    /// <summary>The statement that reads a bill row by @Number and, on PostgreSQL, locks it until the transaction ends.</summary>
    internal string LockSql => $"{SelectBill} {db.Dialect.ForUpdate}";

    /// <summary>
    /// Adds to a batch the caller sends in its write transaction: the amount received against a bill and the status that
    /// follows from it; a paid bill's order is Paid too.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    internal SqlBatch SetPaid(BillRow bill, long paidMinor, BillStatus status)
    {
        var batch = new SqlBatch().Add(UpdatePaid, new { bill.Number, PaidMinor = paidMinor, Status = status.ToString() });
        return status == BillStatus.Paid ? batch.Add(OrderStore.SetStatus(bill.OrderId, SalesOrderStatus.Paid)) : batch;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    internal Task<Bill?> ReadAsync(DbConnection connection, DbTransaction? transaction, string number, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, SelectBill, new { Number = number }, cancellationToken);

    private static void CheckBill(IReadOnlyList<PricedLine> lines, string series)
    {
        if (lines.Count == 0 || lines.Select(line => line.Currency).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new ArgumentException("A bill has at least one line, all in one currency.", nameof(lines));
        }

        if (string.IsNullOrWhiteSpace(series) || series.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A series is a non-empty code without '/'.", nameof(series));
        }
    }

    /// <summary>
    /// Marks the order billed and takes the next number of the series in one round trip, then writes the bill, its lines
    /// and its posting in another. The series row stays locked from taking the number to the unit's commit, so every
    /// other bill of the series waits for this one: nothing is read back (the bill is what was written).
    /// </summary>
    private async Task<(BillRow Bill, List<BillLineRow> Lines)> WriteAsync(
        UnitOfWork unit, SalesOrder order, IReadOnlyList<PricedLine> lines, string series, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        // As PostgreSQL keeps it (microseconds, UTC), so the bill returned equals the bill read later.
        issuedAt = issuedAt.ToUniversalTime();
        issuedAt = issuedAt.AddTicks(-(issuedAt.Ticks % TimeSpan.TicksPerMicrosecond));
        var financialYear = FinancialYear.Of(issuedAt, _zone);
        var key = new { Series = series, FinancialYear = financialYear };

        // The series' first bill of the year creates its row; two first bills at once meet on its key.
        var sequence = (await unit.QueryAsync<long>(new SqlBatch()
            .Add(MarkBilled, new { OrderId = order.Id })
            .Add(EnsureSeries, key)
            .Add(TakeNumber, key), cancellationToken))[0];
        var number = string.Create(CultureInfo.InvariantCulture, $"{series}/{financialYear}/{sequence:000000}");
        var rows = lines.Select((line, i) => BillLineRow.From(number, i + 1, line)).ToList();
        var bill = NewBill(number, sequence, series, financialYear, order, rows, lines[0].Currency, issuedAt);
        await unit.ExecuteAsync(new SqlBatch()
            .Add(InsertBill, bill)
            .AddEach(InsertLine, rows)
            .Add(ledger.NewPosting($"bill:{number}", $"Bill {number}", IssueLines(bill))), cancellationToken);
        return (bill, rows);
    }

    private static async Task<Bill> WithLinesAsync(DbConnection connection, DbTransaction? transaction, BillRow row, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<BillLineRow>(new CommandDefinition(
            SelectLines, new { row.Number }, transaction, cancellationToken: cancellationToken));
        return row.ToBill(lines);
    }

    private static BillRow NewBill(
        string number, long sequence, string series, string financialYear, SalesOrder order, List<BillLineRow> rows, string currency, DateTimeOffset issuedAt) =>
        new()
        {
            Number = number,
            Sequence = sequence,
            Series = series,
            FinancialYear = financialYear,
            OrderId = order.Id,
            CustomerId = order.CustomerId?.ToString(),
            Currency = currency,
            TaxableMinor = rows.Sum(row => row.TaxableMinor),
            CgstMinor = rows.Sum(row => row.CgstMinor),
            SgstMinor = rows.Sum(row => row.SgstMinor),
            IgstMinor = rows.Sum(row => row.IgstMinor),
            TotalMinor = rows.Sum(row => row.TotalMinor),
            Status = nameof(BillStatus.Issued),
            PlaceOfSupply = order.PlaceOfSupply,
            IssuedAt = issuedAt,
        };

    private static List<LedgerLine> IssueLines(BillRow bill)
    {
        var currency = Currency.Parse(bill.Currency);
        Money Of(long minor) => Money.FromMinorUnits(minor, currency);
        var lines = new List<LedgerLine> { LedgerLine.Dr(LedgerAccounts.Receivables, Of(bill.TotalMinor)), LedgerLine.Cr(LedgerAccounts.Sales, Of(bill.TaxableMinor)) };
        var taxes = new[] { (LedgerAccounts.TaxPayableCgst, bill.CgstMinor), (LedgerAccounts.TaxPayableSgst, bill.SgstMinor), (LedgerAccounts.TaxPayableIgst, bill.IgstMinor) };
        lines.AddRange(taxes.Where(tax => tax.Item2 > 0).Select(tax => LedgerLine.Cr(tax.Item1, Of(tax.Item2))));
        return lines;
    }

    private static async Task<Bill?> ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, object key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<BillRow>(new CommandDefinition(sql, key, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<BillLineRow>(new CommandDefinition(
            SelectLines, new { row.Number }, transaction, cancellationToken: cancellationToken));
        return row.ToBill(lines);
    }
}
