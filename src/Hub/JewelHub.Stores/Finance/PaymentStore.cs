using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Inventory;

namespace JewelHub.Stores.Finance;

/// <summary>
/// Payments and refunds against bills. Each is recorded once per payment id; in the same transaction it moves the
/// bill's paid amount and status and posts the ledger (Dr cash|bank / Cr receivables, a refund the reverse).
/// </summary>
public sealed class PaymentStore(Database db, BillStore bills, LedgerStore ledger, InventoryStore inventory, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO payments (id, bill_number, kind, amount_minor, currency, method, provider_reference, at, recorded_at, refund_of)
        VALUES (@Id, @BillNumber, @Kind, @AmountMinor, @Currency, @Method, @ProviderReference, @At, @RecordedAt, @RefundOf)
        """;

    // Taken before the payment's writes: a concurrent payment with the same id or provider reference on another bill
    // that commits first makes the insert fail, and the unit goes back to here and answers with that payment.
    private const string Savepoint = "record_payment";

    private const string Columns = "id, bill_number, kind, amount_minor, currency, method, provider_reference, at, refund_of";

    private const string SelectById = $"SELECT {Columns} FROM payments WHERE id = @Id";

    private const string SelectByReference = $"SELECT {Columns} FROM payments WHERE method = @Method AND provider_reference = @ProviderReference";

    // Read after the bill's lock, so the same payment recorded concurrently and committed first is seen.
    private const string SelectRepeats = $"SELECT {Columns} FROM payments WHERE id = @Id OR (method = @Method AND provider_reference = @ProviderReference)";

    // For a refund, also read after the bill's lock: the payment it names, on the same bill, and what was refunded of it.
    private const string SelectRefundable = """
        SELECT p.amount_minor AS AmountMinor, (SELECT COALESCE(SUM(r.amount_minor), 0) FROM payments r WHERE r.refund_of = p.id) AS RefundedMinor
        FROM payments p WHERE p.id = @RefundOf AND p.bill_number = @Number AND p.kind = 'Payment'
        """;

    /// <summary>
    /// Records a payment (partial or full) or a refund. Idempotent by payment id: a repeat returns the first payment and
    /// changes nothing. When a payment settles the bill, the bill and order become Paid and, in the same transaction,
    /// inventory commits the sale of the order's reserved pieces (the result says what inventory did). Everything is
    /// written in <paramref name="unit"/>.
    /// </summary>
    public async Task<PaymentResult> RecordPaymentAsync(UnitOfWork unit, Payment payment, CancellationToken cancellationToken)
    {
        var amountMinor = MinorUnits.Of(payment.Amount);
        if (amountMinor <= 0)
        {
            throw new ArgumentException("A payment amount is positive; a refund is a payment of kind Refund.", nameof(payment));
        }

        if ((payment.Kind == PaymentKind.Refund) != (payment.RefundOf is not null))
        {
            throw new ArgumentException("A refund names the payment it gives money back against (RefundOf); a payment names none.", nameof(payment));
        }

        try
        {
            return await RecordAsync(unit, payment, amountMinor, cancellationToken);
        }
        catch (Exception exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            // A concurrent call with the same payment id or provider reference committed first: answer as a repeat.
            await unit.Transaction.RollbackAsync(Savepoint, cancellationToken);
            return await FindRepeatAsync(unit.Connection, unit.Transaction, payment, cancellationToken)
                ?? throw new InvalidOperationException($"Payment {payment.Id} hit a unique constraint but no earlier payment was found.", exception);
        }
    }

    /// <summary>The payment, or null.</summary>
    public async Task<Payment?> GetPaymentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            SelectById, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToPayment();
    }

    private async Task<PaymentResult> RecordAsync(UnitOfWork unit, Payment payment, long amountMinor, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);

        // One round trip: lock the bill, then read its lines, any payment already recorded under this id or provider
        // reference and, for a refund, the payment it names.
        BillRow? bill;
        List<BillLineRow> lines;
        List<PaymentRow> earlier;
        Refundable? refundable = null;
        var refund = payment.Kind == PaymentKind.Refund;
        var parameters = new { Number = payment.BillNumber, payment.Id, payment.Method, payment.ProviderReference, payment.RefundOf };
        var sql = $"{bills.LockSql};\n{BillStore.SelectLines};\n{SelectRepeats}" + (refund ? $";\n{SelectRefundable}" : "");
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)))
        {
            bill = await grid.ReadSingleOrDefaultAsync<BillRow>();
            lines = (await grid.ReadAsync<BillLineRow>()).AsList();
            earlier = (await grid.ReadAsync<PaymentRow>()).AsList();
            if (refund)
            {
                refundable = await grid.ReadSingleOrDefaultAsync<Refundable>();
            }
        }

        var same = earlier.Find(row => row.Id == payment.Id);
        if ((same ?? (payment.ProviderReference is null ? null : earlier.FirstOrDefault())) is { } existing)
        {
            var current = bill is not null && existing.BillNumber == bill.Number
                ? bill.ToBill(lines)
                : await bills.ReadAsync(connection, transaction, existing.BillNumber, cancellationToken);
            return new PaymentResult(same is null ? PaymentOutcome.DuplicateProviderReference : PaymentOutcome.AlreadyRecorded, existing.ToPayment(), current);
        }

        var refused = Refusal(bill, payment, amountMinor) ?? (refund ? RefundRefusal(refundable, amountMinor) : null);
        if (refused is not null)
        {
            return new PaymentResult(refused.Value, null, bill?.ToBill(lines));
        }

        // The payment, the bill's new paid amount and status (and its order's) and the posting in one round trip.
        var paidMinor = bill!.PaidMinor + (payment.Kind == PaymentKind.Refund ? -amountMinor : amountMinor);
        var status = paidMinor == bill.TotalMinor ? BillStatus.Paid : paidMinor == 0 ? BillStatus.Issued : BillStatus.PartiallyPaid;
        var stored = new PaymentRow
        {
            Id = payment.Id,
            BillNumber = payment.BillNumber,
            Kind = payment.Kind.ToString(),
            AmountMinor = amountMinor,
            Currency = bill.Currency,
            Method = payment.Method,
            ProviderReference = payment.ProviderReference,
            At = Microseconds(payment.At),
            RefundOf = payment.RefundOf,
        };
        var batch = new SqlBatch()
            .Add($"SAVEPOINT {Savepoint}", null)
            .Add(Insert, new
            {
                stored.Id,
                stored.BillNumber,
                stored.Kind,
                stored.AmountMinor,
                stored.Currency,
                stored.Method,
                stored.ProviderReference,
                stored.At,
                RecordedAt = clock.GetUtcNow(),
                stored.RefundOf,
            })
            .Add(bills.SetPaid(bill, paidMinor, status))
            .Add(ledger.NewPosting($"payment:{payment.Id}", $"{payment.Kind} {payment.Id} on bill {bill.Number}",
                PaymentLines(payment, Money.FromMinorUnits(amountMinor, Currency.Parse(bill.Currency)))));
        await unit.ExecuteAsync(batch, cancellationToken);
        SaleCommitOutcome? sale = null;
        if (status == BillStatus.Paid && bill.BillStatus != BillStatus.Paid)
        {
            sale = (await inventory.CommitSaleAsync(unit, bill.OrderId, cancellationToken)).Outcome;
        }

        var after = bill with { PaidMinor = paidMinor, Status = status.ToString() };
        return new PaymentResult(PaymentOutcome.Recorded, stored.ToPayment(), after.ToBill(lines)) { Sale = sale };
    }

    // As PostgreSQL keeps it (microseconds, UTC), so the payment returned equals the payment read later.
    private static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static PaymentOutcome? Refusal(BillRow? bill, Payment payment, long amountMinor) => bill switch
    {
        null => PaymentOutcome.BillNotFound,
        { BillStatus: BillStatus.Voided } => PaymentOutcome.BillVoided,
        _ when !string.Equals(bill.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase) => PaymentOutcome.CurrencyMismatch,
        _ when payment.Kind == PaymentKind.Payment && amountMinor > bill.TotalMinor - bill.PaidMinor => PaymentOutcome.ExceedsOutstanding,
        _ when payment.Kind == PaymentKind.Refund && amountMinor > bill.PaidMinor => PaymentOutcome.ExceedsPaid,
        _ => null,
    };

    private static PaymentOutcome? RefundRefusal(Refundable? refundable, long amountMinor) => refundable switch
    {
        null => PaymentOutcome.RefundOfNotFound,
        _ when amountMinor > refundable.AmountMinor - refundable.RefundedMinor => PaymentOutcome.ExceedsRefundable,
        _ => null,
    };

    private static List<LedgerLine> PaymentLines(Payment payment, Money amount)
    {
        var money = LedgerAccounts.ForPaymentMethod(payment.Method);
        return payment.Kind == PaymentKind.Refund
            ? [LedgerLine.Dr(LedgerAccounts.Receivables, amount), LedgerLine.Cr(money, amount)]
            : [LedgerLine.Dr(money, amount), LedgerLine.Cr(LedgerAccounts.Receivables, amount)];
    }

    private async Task<PaymentResult?> FindRepeatAsync(
        DbConnection connection, DbTransaction? transaction, Payment payment, CancellationToken cancellationToken)
    {
        var (outcome, existing) = (PaymentOutcome.AlreadyRecorded, await ReadPaymentAsync(connection, transaction, payment.Id, cancellationToken));
        if (existing is null && payment.ProviderReference is not null)
        {
            var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
                SelectByReference, new { payment.Method, payment.ProviderReference }, transaction, cancellationToken: cancellationToken));
            (outcome, existing) = (PaymentOutcome.DuplicateProviderReference, row?.ToPayment());
        }

        if (existing is null)
        {
            return null;
        }

        var bill = await bills.ReadAsync(connection, transaction, existing.BillNumber, cancellationToken);
        return new PaymentResult(outcome, existing, bill);
    }

    private static async Task<Payment?> ReadPaymentAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            SelectById, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return row?.ToPayment();
    }

    private sealed class PaymentRow
    {
        public required string Id { get; init; }
        public required string BillNumber { get; init; }
        public required string Kind { get; init; }
        public long AmountMinor { get; init; }
        public required string Currency { get; init; }
        public required string Method { get; init; }
        public string? ProviderReference { get; init; }
        public DateTimeOffset At { get; init; }
        public string? RefundOf { get; init; }

        public Payment ToPayment() => new()
        {
            Id = Id,
            BillNumber = BillNumber,
            Kind = Enum.Parse<PaymentKind>(Kind),
            Amount = MinorUnits.ToAmount(AmountMinor),
            Currency = Currency,
            Method = Method,
            ProviderReference = ProviderReference,
            At = At,
            RefundOf = RefundOf,
        };
    }

    /// <summary>The payment a refund names: its amount and what earlier refunds gave back of it.</summary>
    private sealed class Refundable
    {
        public long AmountMinor { get; init; }
        public long RefundedMinor { get; init; }
    }
}
