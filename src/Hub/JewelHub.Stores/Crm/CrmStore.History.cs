using Dapper;
using JewelHub.Storage;
using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Crm;

public sealed partial class CrmStore
{
    // The customer must exist; a bill already in the history is left as first recorded.
    private const string InsertPurchase = """
        INSERT INTO purchases (customer_id, bill_number, order_id, amount_minor, currency, purchased_at, recorded_at)
        SELECT @CustomerId, @BillNumber, @OrderId, @AmountMinor, @Currency, @PurchasedAt, @Now
        WHERE EXISTS (SELECT 1 FROM customers WHERE id = @CustomerId)
        ON CONFLICT (customer_id, bill_number) DO NOTHING
        """;

    // The same for a bill of the hub's finance store: its order, total and issue time are copied in the statement itself.
    private const string InsertPurchaseOfBill = """
        INSERT INTO purchases (customer_id, bill_number, order_id, amount_minor, currency, purchased_at, recorded_at)
        SELECT @CustomerId, b.number, b.order_id, b.total_minor, b.currency, b.issued_at, @Now FROM bills b
        WHERE b.number = @BillNumber AND EXISTS (SELECT 1 FROM customers WHERE id = @CustomerId)
        ON CONFLICT (customer_id, bill_number) DO NOTHING
        """;

    private const string BillAndCustomerExist = """
        SELECT (SELECT count(*) FROM bills WHERE number = @BillNumber) AS bills, (SELECT count(*) FROM customers WHERE id = @CustomerId) AS customers
        """;

    private const string CustomerExists = "SELECT count(*) FROM customers WHERE id = @Id";

    private const string SelectPurchases = """
        SELECT bill_number, order_id, amount_minor, currency, purchased_at FROM purchases
        WHERE customer_id = @Id ORDER BY purchased_at DESC, bill_number DESC
        """;

    private const string SetPreference = """
        INSERT INTO preferences (customer_id, key, value, updated_at) VALUES (@CustomerId, @Key, @Value, @Now)
        ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """;

    /// <summary>Adds a bill to the customer's purchase history; the same bill number again changes nothing.</summary>
    public async Task<PurchaseAppendResult> AppendPurchaseAsync(
        UnitOfWork unit, Guid customerId, string billNumber, string? orderId, Money amount, DateTimeOffset purchasedAt, CancellationToken cancellationToken)
    {
        var id = customerId.ToString();
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var inserted = await connection.ExecuteAsync(Command(InsertPurchase, new
        {
            CustomerId = id,
            BillNumber = billNumber,
            OrderId = orderId,
            AmountMinor = amount.ToMinorUnits(),
            Currency = amount.Currency.Code,
            PurchasedAt = purchasedAt.ToUniversalTime(),
            Now = clock.GetUtcNow(),
        }, transaction, cancellationToken));
        if (inserted > 0)
        {
            return PurchaseAppendResult.Appended;
        }

        var exists = await connection.ExecuteScalarAsync<long>(Command(CustomerExists, new { Id = id }, transaction, cancellationToken)) > 0;
        return exists ? PurchaseAppendResult.AlreadyRecorded : PurchaseAppendResult.CustomerNotFound;
    }

    /// <summary>
    /// Adds a bill of the finance store to the customer's purchase history, with the bill's order, total and issue time,
    /// in one statement; the same bill again changes nothing. Null when there is no such bill.
    /// </summary>
    public async Task<PurchaseAppendResult?> AppendPurchaseOfBillAsync(UnitOfWork unit, Guid customerId, string billNumber, CancellationToken cancellationToken)
    {
        var parameters = new { CustomerId = customerId.ToString(), BillNumber = billNumber, Now = clock.GetUtcNow() };
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await connection.ExecuteAsync(Command(InsertPurchaseOfBill, parameters, transaction, cancellationToken)) > 0)
        {
            return PurchaseAppendResult.Appended;
        }

        var (bills, customers) = await connection.QuerySingleAsync<(long, long)>(Command(BillAndCustomerExist, parameters, transaction, cancellationToken));
        return bills == 0 ? null : customers > 0 ? PurchaseAppendResult.AlreadyRecorded : PurchaseAppendResult.CustomerNotFound;
    }

    /// <summary>The customer's purchases, newest first.</summary>
    public async Task<IReadOnlyList<CustomerPurchase>> PurchasesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PurchaseRow>(Command(SelectPurchases, new { Id = customerId.ToString() }, null, cancellationToken));
        return rows.Select(r => new CustomerPurchase(r.BillNumber, r.OrderId, Money.FromMinorUnits(r.AmountMinor, Currency.Parse(r.Currency)), r.PurchasedAt)).ToList();
    }

    /// <summary>Sets preferences (new keys added, existing keys overwritten). False when there is no such customer.</summary>
    public async Task<bool> SetPreferencesAsync(UnitOfWork unit, Guid customerId, IReadOnlyDictionary<string, string> preferences, CancellationToken cancellationToken)
    {
        var id = customerId.ToString();
        var now = clock.GetUtcNow();
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await connection.ExecuteScalarAsync<long>(Command(CustomerExists, new { Id = id }, transaction, cancellationToken)) == 0)
        {
            return false;
        }

        foreach (var (key, value) in preferences)
        {
            await connection.ExecuteAsync(Command(SetPreference, new { CustomerId = id, Key = key, Value = value, Now = now }, transaction, cancellationToken));
        }

        return true;
    }

    private sealed class PurchaseRow
    {
        public required string BillNumber { get; init; }
        public string? OrderId { get; init; }
        public required long AmountMinor { get; init; }
        public required string Currency { get; init; }
        public required DateTimeOffset PurchasedAt { get; init; }
    }
}
