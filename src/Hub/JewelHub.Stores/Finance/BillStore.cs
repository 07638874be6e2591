using System.Data.Common;
using System.Globalization;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Storage.Units;

namespace JewelHub.Stores.Finance;

/// <summary>
/// Bills (tax invoices) with gap-free numbers per series and financial year. A number is taken from the series
/// counter inside the same write transaction that inserts the bill, so a failed issue rolls the counter back and
/// never leaves a hole; a voided bill keeps its number for ever.
/// </summary>
public sealed class BillStore(Database db, FinanceOptions options, OrderStore orders, LedgerStore ledger, TimeProvider clock)
{
    private const string EnsureSeries = """
        INSERT INTO finance.bill_series (series, financial_year, next_number) VALUES (@Series, @FinancialYear, 1)
        ON CONFLICT (series, financial_year) DO NOTHING
        """;

    private const string TakeNumber = """
        UPDATE finance.bill_series SET next_number = next_number + 1
        WHERE series = @Series AND financial_year = @FinancialYear
        RETURNING next_number - 1
        """;

    private const string InsertBill = """
        INSERT INTO finance.bills (number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor,
            cgst_minor, sgst_minor, igst_minor, total_minor, paid_minor, status, place_of_supply, issued_at)
        VALUES (/*number*/, @Series, @FinancialYear, /*sequence*/, @OrderId, @CustomerId, @Currency, @TaxableMinor,
            @CgstMinor, @SgstMinor, @IgstMinor, @TotalMinor, 0, 'Issued', @PlaceOfSupply, @IssuedAt)
        """;

    private const string InsertLine = """
        INSERT INTO finance.bill_lines (bill_number, line_no, sku, description, metal, fineness, quantity, net_mg,
            rate_per_gram_minor, rate_source, rate_as_of, metal_minor, wastage_minor, making_minor, stone_minor, other_minor,
            taxable_minor, hsn, cgst_minor, sgst_minor, igst_minor, total_minor)
        VALUES (/*number*/, @LineNo, @Sku, @Description, @Metal, @Fineness, @Quantity, @NetMg,
            @RatePerGramMinor, @RateSource, @RateAsOf, @MetalMinor, @WastageMinor, @MakingMinor, @StoneMinor, @OtherMinor,
            @TaxableMinor, @Hsn, @CgstMinor, @SgstMinor, @IgstMinor, @TotalMinor)
        """;

    // The number and sequence this transaction has just taken: the series row it moved on (and holds locked) less one.
    // Formatted as {series}/{financial year}/{sequence:000000}, at least six digits.
    private const string SeriesRow = "FROM finance.bill_series WHERE series = @Series AND financial_year = @FinancialYear";

    private const string PostgresNumber = $"""
        (SELECT @Prefix || lpad(CAST(next_number - 1 AS text), greatest(6, length(CAST(next_number - 1 AS text))), '0') {SeriesRow})
        """;

    private const string SqliteNumber = $"(SELECT @Prefix || printf('%06d', next_number - 1) {SeriesRow})";

    private const string Sequence = $"(SELECT next_number - 1 {SeriesRow})";

    private const string Columns = """
        number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor, cgst_minor, sgst_minor,
        igst_minor, total_minor, paid_minor, status, place_of_supply, issued_at
        """;

    private const string SelectBill = $"SELECT {Columns} FROM finance.bills WHERE number = @Number";

    private const string SelectBillForOrder = $"SELECT {Columns} FROM finance.bills WHERE order_id = @OrderId";

    internal const string SelectLines = """
        SELECT bill_number, line_no, sku, description, metal, fineness, quantity, net_mg, rate_per_gram_minor, rate_source,
            rate_as_of, metal_minor, wastage_minor, making_minor, stone_minor, other_minor, taxable_minor, hsn, cgst_minor,
            sgst_minor, igst_minor, total_minor
        FROM finance.bill_lines WHERE bill_number = @Number ORDER BY line_no
        """;

    // The order's status changes in the same round trip as the number, just before it is taken.
    private const string MarkBilled = "UPDATE finance.sales_orders SET status = 'Billed' WHERE id = @OrderId";

    private const string UpdatePaid = "UPDATE finance.bills SET paid_minor = @PaidMinor, status = @Status WHERE number = @Number";

    private const string MarkVoided = """
        UPDATE finance.bills SET status = 'Voided', voided_at = @VoidedAt, void_reason = @Reason WHERE number = @Number
        """;

    private readonly TimeZoneInfo _zone = options.ResolveTimeZone();

    private readonly string _number = NumberSql(db);

    private readonly string _insertBill = db.Sql(InsertBill.Replace("/*number*/", NumberSql(db), StringComparison.Ordinal).Replace("/*sequence*/", Sequence, StringComparison.Ordinal));

    private readonly string _insertLine = db.Sql(InsertLine.Replace("/*number*/", NumberSql(db), StringComparison.Ordinal));

    /// <summary>
    /// Issues the bill of an order from its priced lines, numbered {series}/{financial year}/{sequence:000000} by the
    /// issue date in the shop's time zone, and posts Dr receivables / Cr sales and tax payable. One bill per order:
    /// a second call returns the first bill.
    /// </summary>
    public async Task<IssueBillResult> IssueBillAsync(
        string orderId, IReadOnlyList<PricedLine> lines, string series, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        CheckBill(lines, series);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var (order, existing) = await orders.LockWithBillAsync(connection, transaction, orderId, cancellationToken);
        if (order is null)
        {
            return new IssueBillResult(IssueBillOutcome.OrderNotFound, null);
        }

        if (existing is not null)
        {
            return new IssueBillResult(IssueBillOutcome.AlreadyIssued, await WithLinesAsync(connection, transaction, existing, cancellationToken));
        }

        if (order.Status == SalesOrderStatus.Cancelled)
        {
            return new IssueBillResult(IssueBillOutcome.OrderCancelled, null);
        }

        var (bill, rows) = await WriteAsync(connection, transaction, order, lines, series, issuedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
        string orderId, string? series, OrderPricer pricer, bool requireHold, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var read = await orders.LockForIssueAsync(connection, transaction, orderId, cancellationToken);
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
        var (written, rows) = await WriteAsync(connection, transaction, order, pricing.Lines, billSeries, issuedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>The bill's header without its lines (one row read), or null.</summary>
    public async Task<BillSummary?> GetSummaryAsync(string number, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BillRow>(new CommandDefinition(
            db.Sql(SelectBill), new { Number = number }, cancellationToken: cancellationToken));
        return row is null ? null : new BillSummary
        {
            Number = row.Number,
            OrderId = row.OrderId,
            CustomerId = row.CustomerId is null ? null : Guid.Parse(row.CustomerId),
            Currency = row.Currency,
            Total = MinorUnits.ToAmount(row.TotalMinor),
            Paid = MinorUnits.ToAmount(row.PaidMinor),
            Status = row.BillStatus,
            IssuedAt = row.IssuedAt,
        };
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
    public async Task<VoidBillResult> VoidBillAsync(string number, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var row = await LockAsync(connection, transaction, number, cancellationToken);
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
        await connection.ExecuteAsync(new CommandDefinition(db.Sql(MarkVoided), new
        {
            Number = number,
            VoidedAt = voidedAt,
            Reason = reason,
        }, transaction, cancellationToken: cancellationToken));
        var reversal = IssueLines(row).Select(line => line with { Debit = line.Credit, Credit = line.Debit }).ToList();
        await ledger.PostAsync(connection, transaction, $"bill-void:{number}", $"Void of bill {number}: {reason}", reversal, cancellationToken);
        await orders.SetStatusAsync(connection, transaction, row.OrderId, SalesOrderStatus.Cancelled, cancellationToken);
        var voided = await ReadAsync(connection, transaction, SelectBill, new { Number = number }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new VoidBillResult(VoidBillOutcome.Voided, voided) { VoidedAt = voidedAt };
    }

    /// <summary>Reads the bill row and, on PostgreSQL, locks it until the transaction ends.</summary>
    internal Task<BillRow?> LockAsync(DbConnection connection, DbTransaction transaction, string number, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<BillRow?>(new CommandDefinition(
            db.Sql($"{SelectBill} {db.Dialect.ForUpdate}"), new { Number = number }, transaction, cancellationToken: cancellationToken));

    /// <summary>The statement that reads a bill row by @Number and, on PostgreSQL, locks it until the transaction ends.</summary>
    internal string LockSql => $"{SelectBill} {db.Dialect.ForUpdate}";

    /// <summary>
    /// Adds to a batch the caller sends in its write transaction: the amount received against a bill and the status that
    /// follows from it; a paid bill's order is Paid too.
    /// </summary>
    internal void AddSetPaid(MultiRowInsert.Batch batch, BillRow bill, long paidMinor, BillStatus status)
    {
        batch.AddStatement(db.Sql(UpdatePaid), new Dictionary<string, object?>
        {
            ["Number"] = bill.Number,
            ["PaidMinor"] = paidMinor,
            ["Status"] = status.ToString(),
        });
        if (status == BillStatus.Paid)
        {
            orders.AddSetStatus(batch, bill.OrderId, SalesOrderStatus.Paid);
        }
    }

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
    /// Marks the order billed, takes the next number and writes the bill, its lines and its posting, all in one round
    /// trip. The series row stays locked from taking the number to the commit, so every other bill of the series waits
    /// for this one: nothing comes after the number in this store (the statements after it find the number in the row
    /// they just moved on), and nothing is read back (the bill is what was written).
    /// </summary>
    private async Task<(BillRow Bill, List<BillLineRow> Lines)> WriteAsync(
        DbConnection connection, DbTransaction transaction, SalesOrder order, IReadOnlyList<PricedLine> lines, string series,
        DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        // As PostgreSQL keeps it (microseconds, UTC), so the bill returned equals the bill read later.
        issuedAt = issuedAt.ToUniversalTime();
        issuedAt = issuedAt.AddTicks(-(issuedAt.Ticks % TimeSpan.TicksPerMicrosecond));
        var financialYear = FinancialYear.Of(issuedAt, _zone);
        var rows = lines.Select((line, i) => BillLineRow.From("", i + 1, line)).ToList();
        var bill = NewBill(series, financialYear, order, rows, lines[0].Currency, issuedAt);
        var key = new Dictionary<string, object?> { ["Series"] = series, ["FinancialYear"] = financialYear };
        var number = new Dictionary<string, object?>(key) { ["Prefix"] = $"{series}/{financialYear}/" };

        // The series' first bill of the year creates its row; two first bills at once meet on its key.
        var batch = new MultiRowInsert.Batch()
            .AddStatement(db.Sql(MarkBilled), new Dictionary<string, object?> { ["OrderId"] = order.Id })
            .AddStatement(db.Sql(EnsureSeries), key)
            .AddStatement(db.Sql(TakeNumber), key)
            .Add(_insertBill, [bill], number)
            .Add(_insertLine, rows, number);
        ledger.AddPosting(batch, $"'bill:' || {_number}", $"'Bill ' || {_number}", number, IssueLines(bill));
        UnitOfWork.HoldsContendedLock();
        var sequence = await batch.ExecuteScalarAsync<long>(connection, transaction, cancellationToken);
        var issued = bill with
        {
            Number = string.Create(CultureInfo.InvariantCulture, $"{series}/{financialYear}/{sequence:000000}"),
            Sequence = sequence,
        };
        return (issued, rows);
    }

    private async Task<Bill> WithLinesAsync(DbConnection connection, DbTransaction? transaction, BillRow row, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<BillLineRow>(new CommandDefinition(
            db.Sql(SelectLines), new { row.Number }, transaction, cancellationToken: cancellationToken));
        return row.ToBill(lines);
    }

    private static string NumberSql(Database db) => db.Sql(db.Provider == DatabaseProvider.Postgres ? PostgresNumber : SqliteNumber);

    /// <summary>The bill before its number is known: the batch that writes it takes the number.</summary>
    private static BillRow NewBill(string series, string financialYear, SalesOrder order, List<BillLineRow> rows, string currency, DateTimeOffset issuedAt) =>
        new()
        {
            Number = "",
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

    private async Task<Bill?> ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, object key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<BillRow>(new CommandDefinition(db.Sql(sql), key, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<BillLineRow>(new CommandDefinition(
            db.Sql(SelectLines), new { row.Number }, transaction, cancellationToken: cancellationToken));
        return row.ToBill(lines);
    }
}
