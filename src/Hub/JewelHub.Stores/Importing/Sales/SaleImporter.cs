using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;
using JewelHub.Stores.Finance;

namespace JewelHub.Stores.Importing.Sales;

/// <summary>
/// Writes historical bills inside the caller's transaction: for each bill a billed (or paid) sales order, the bill
/// under its legacy number in the series named after the system (never the live gap-free counter), its lines, its
/// payment and the customer's purchase history. History has no live effects: no ledger posting, stock movement, event or
/// notification. With live effects asked for, each line's piece that is still on the shelf is marked Sold with a Sale
/// movement. A bill whose number is already there from the same system is unchanged, so a re-run writes nothing.
/// </summary>
public sealed class SaleImporter(Database db, FinanceOptions options, TimeProvider clock)
{
    /// <summary>Historical bills carry no place of supply: legacy exports do not say where the goods went.</summary>
    public const string UnknownPlaceOfSupply = "UNKNOWN";

    private static readonly BulkTable Orders = new("sales_orders",
    [
        new("id", BulkType.Text), new("customer_id", BulkType.Text), new("branch", BulkType.Text), new("place_of_supply", BulkType.Text),
        new("status", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["id"], BulkMode.Insert);

    private static readonly BulkTable OrderLines = new("sales_order_lines",
    [
        new("order_id", BulkType.Text), new("line_no", BulkType.Int4), new("sku", BulkType.Text), new("quantity", BulkType.Int4),
    ], ["order_id", "line_no"], BulkMode.Insert);

    private static readonly BulkTable Bills = new("bills",
    [
        new("number", BulkType.Text), new("series", BulkType.Text), new("financial_year", BulkType.Text), new("sequence", BulkType.BigInt),
        new("order_id", BulkType.Text), new("customer_id", BulkType.Text), new("currency", BulkType.Text), new("taxable_minor", BulkType.BigInt),
        new("cgst_minor", BulkType.BigInt), new("sgst_minor", BulkType.BigInt), new("igst_minor", BulkType.BigInt),
        new("total_minor", BulkType.BigInt), new("paid_minor", BulkType.BigInt), new("status", BulkType.Text),
        new("place_of_supply", BulkType.Text), new("issued_at", BulkType.Timestamp),
    ], ["number"], BulkMode.Insert);

    private static readonly BulkTable BillLines = new("bill_lines",
    [
        new("bill_number", BulkType.Text), new("line_no", BulkType.Int4), new("sku", BulkType.Text), new("description", BulkType.Text),
        new("metal", BulkType.Text), new("fineness", BulkType.Int4), new("quantity", BulkType.Int4), new("net_mg", BulkType.BigInt),
        new("rate_per_gram_minor", BulkType.BigInt), new("rate_source", BulkType.Text), new("rate_as_of", BulkType.Timestamp),
        new("metal_minor", BulkType.BigInt), new("wastage_minor", BulkType.BigInt), new("making_minor", BulkType.BigInt),
        new("stone_minor", BulkType.BigInt), new("other_minor", BulkType.BigInt), new("taxable_minor", BulkType.BigInt),
        new("hsn", BulkType.Text), new("cgst_minor", BulkType.BigInt), new("sgst_minor", BulkType.BigInt),
        new("igst_minor", BulkType.BigInt), new("total_minor", BulkType.BigInt), new("attributes", BulkType.Text),
    ], ["bill_number", "line_no"], BulkMode.Insert);

    private static readonly BulkTable Payments = new("payments",
    [
        new("id", BulkType.Text), new("bill_number", BulkType.Text), new("kind", BulkType.Text), new("amount_minor", BulkType.BigInt),
        new("currency", BulkType.Text), new("method", BulkType.Text), new("provider_reference", BulkType.Text),
        new("at", BulkType.Timestamp), new("recorded_at", BulkType.Timestamp),
    ], ["id"], BulkMode.Insert);

    private static readonly BulkTable Purchases = new("purchases",
    [
        new("customer_id", BulkType.Text), new("bill_number", BulkType.Text), new("order_id", BulkType.Text), new("amount_minor", BulkType.BigInt),
        new("currency", BulkType.Text), new("purchased_at", BulkType.Timestamp), new("recorded_at", BulkType.Timestamp),
    ], ["customer_id", "bill_number"], BulkMode.InsertIgnore);

    private static readonly BulkTable SoldPieces = new("pieces",
    [
        new("sku", BulkType.Text), new("status", BulkType.Text), new("order_id", BulkType.Text),
    ], ["sku"], BulkMode.Update);

    private static string SelectBills(ISqlDialect dialect) => $"SELECT number, series FROM bills WHERE {dialect.InList("number", "@Numbers")}";
    private static string SelectCustomers(ISqlDialect dialect) => $"SELECT external_id, customer_id FROM customer_refs WHERE system = @System AND {dialect.InList("external_id", "@Ids")}";
    private static string SelectPieces(ISqlDialect dialect) => $"SELECT sku, metal, fineness, net_mg, hsn, branch, status FROM pieces WHERE {dialect.InList("sku", "@Skus")}";
    private const string SelectSequences = "SELECT financial_year, MAX(sequence) FROM bills WHERE series = @Series GROUP BY financial_year";
    private static string SelectPayments(ISqlDialect dialect) => $"SELECT method, provider_reference, bill_number FROM payments WHERE {dialect.InList("provider_reference", "@References")}";

    private readonly IBulkWriter _writer = IBulkWriter.For(db);
    private readonly TimeZoneInfo _zone = options.ResolveTimeZone();
    private readonly string _selectBills = SelectBills(db.Dialect);
    private readonly string _selectCustomers = SelectCustomers(db.Dialect);
    private readonly string _selectPieces = SelectPieces(db.Dialect);
    private readonly string _selectPayments = SelectPayments(db.Dialect);

    /// <summary>Writes the bills the rows make, in file order; returns the counts (per row) and the rows refused.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<SaleImportRow> rows, CancellationToken cancellationToken)
    {
        var bills = rows.GroupBy(r => r.BillNumber, StringComparer.Ordinal).ToList();
        var existing = (await QueryAsync<(string Number, string Series)>(connection, transaction, _selectBills,
            new { Numbers = db.Dialect.ListValue(bills.Select(b => b.Key).ToArray()) }, cancellationToken)).ToDictionary(b => b.Number, b => b.Series, StringComparer.Ordinal);
        var customers = (await QueryAsync<(string ExternalId, string CustomerId)>(connection, transaction, _selectCustomers, new
        {
            System = system,
            Ids = db.Dialect.ListValue(rows.Where(r => r.CustomerExternalId is not null).Select(r => r.CustomerExternalId!).Distinct().ToArray()),
        }, cancellationToken)).ToDictionary(c => c.ExternalId, c => c.CustomerId, StringComparer.Ordinal);
        var pieces = (await QueryAsync<PieceFacts>(connection, transaction, _selectPieces,
            new { Skus = db.Dialect.ListValue(rows.Select(r => r.Sku).Distinct().ToArray()) }, cancellationToken)).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var sequences = (await QueryAsync<(string FinancialYear, long Sequence)>(connection, transaction, SelectSequences, new { Series = system }, cancellationToken))
            .ToDictionary(s => s.FinancialYear, s => s.Sequence, StringComparer.Ordinal);
        var payments = (await QueryAsync<(string Method, string Reference, string BillNumber)>(connection, transaction, _selectPayments, new
        {
            References = db.Dialect.ListValue(rows.Where(r => r.PaymentReference is not null).Select(r => r.PaymentReference!).Distinct().ToArray()),
        }, cancellationToken)).ToDictionary(p => (p.Method, p.Reference), p => p.BillNumber);

        var now = clock.GetUtcNow();
        var write = new Writes();
        var rejects = new List<ImportReject>();
        long inserted = 0;
        long unchanged = 0;
        foreach (var bill in bills)
        {
            var lines = bill.ToList();
            var first = lines[0];
            var payment = lines.FirstOrDefault(l => l.PaymentMinor > 0);
            var (column, reason) = existing.TryGetValue(bill.Key, out var series)
                ? series == system ? ("", "") : ("billNumber", $"bill {bill.Key} already exists in the hub")
                : lines.Any(l => l.CustomerExternalId != first.CustomerExternalId) ? ("customerId", $"differs between the lines of bill {bill.Key}")
                : lines.Any(l => l.BilledAt != first.BilledAt) ? ("billedAt", $"differs between the lines of bill {bill.Key}")
                : lines.Any(l => l.Currency != first.Currency) ? ("lineTotal", $"the lines of bill {bill.Key} are in more than one currency")
                : first.CustomerExternalId is { } id && !customers.ContainsKey(id) ? ("customerId", $"customer {id} is not known under {system}; import the customers first")
                : payment is { PaymentReference: { } reference } && payments.TryGetValue((payment.PaymentMethod!, reference), out var other)
                    ? ("paymentId", $"{payment.PaymentMethod} payment {reference} is already recorded on bill {other}")
                : ("", "");
            if (series is not null && column.Length == 0)
            {
                unchanged += lines.Count;
            }
            else if (column.Length > 0)
            {
                rejects.AddRange(lines.Select(l => new ImportReject(l.RowNumber, column, reason, "")));
            }
            else
            {
                var financialYear = FinancialYear.Of(first.BilledAt, _zone);
                sequences[financialYear] = sequences.GetValueOrDefault(financialYear) + 1;
                var customerId = first.CustomerExternalId is { } known ? customers[known] : null;
                write.Add(system, lines, payment, customerId, financialYear, sequences[financialYear], pieces, liveEffects, now);
                existing[bill.Key] = system;
                if (payment is { PaymentReference: { } taken })
                {
                    payments[(payment.PaymentMethod!, taken)] = bill.Key;
                }

                inserted += lines.Count;
            }
        }

        await _writer.WriteAsync(connection, transaction, Orders, write.Orders, cancellationToken);
        await _writer.WriteAsync(connection, transaction, OrderLines, write.OrderLines, cancellationToken);
        await _writer.WriteAsync(connection, transaction, Bills, write.Bills, cancellationToken);
        await _writer.WriteAsync(connection, transaction, BillLines, write.BillLines, cancellationToken);
        await _writer.WriteAsync(connection, transaction, Payments, write.Payments, cancellationToken);
        await _writer.WriteAsync(connection, transaction, Purchases, write.Purchases, cancellationToken);
        await _writer.WriteAsync(connection, transaction, SoldPieces, write.SoldPieces, cancellationToken);
        await _writer.WriteAsync(connection, transaction, ImportTables.Movements, write.Movements, cancellationToken);
        return new ImportBatchResult(new ImportCounts(inserted + unchanged, inserted, 0, 0, unchanged, 0), [], rejects);
    }

    private static async Task<IEnumerable<T>> QueryAsync<T>(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    private sealed class PieceFacts
    {
        public string Sku { get; init; } = "";
        public string Metal { get; init; } = "";
        public int Fineness { get; init; }
        public long NetMg { get; init; }
        public string Hsn { get; init; } = "";
        public string Branch { get; init; } = "";
        public string Status { get; set; } = "";
    }

    /// <summary>The rows one batch writes, table by table, in the order the tables' keys need.</summary>
    private sealed class Writes
    {
        public List<object?[]> Orders { get; } = [];
        public List<object?[]> OrderLines { get; } = [];
        public List<object?[]> Bills { get; } = [];
        public List<object?[]> BillLines { get; } = [];
        public List<object?[]> Payments { get; } = [];
        public List<object?[]> Purchases { get; } = [];
        public List<object?[]> SoldPieces { get; } = [];
        public List<object?[]> Movements { get; } = [];

        public void Add(
            string system, List<SaleImportRow> lines, SaleImportRow? payment, string? customerId, string financialYear, long sequence,
            Dictionary<string, PieceFacts> pieces, bool liveEffects, DateTimeOffset now)
        {
            var first = lines[0];
            var number = first.BillNumber;
            var orderId = ImportIds.For("order", system, number);
            var taxable = lines.Sum(l => l.AmountMinor);
            var tax = lines.Sum(l => l.TaxMinor);
            var cgst = lines.Sum(l => l.TaxMinor / 2);
            var total = taxable + tax;
            var paid = payment?.PaymentMinor ?? 0;
            var status = paid >= total ? BillStatus.Paid : paid > 0 ? BillStatus.PartiallyPaid : BillStatus.Issued;
            var orderStatus = status == BillStatus.Paid ? SalesOrderStatus.Paid : SalesOrderStatus.Billed;
            Orders.Add([orderId, customerId, first.Branch, UnknownPlaceOfSupply, orderStatus.ToString(), first.BilledAt]);
            Bills.Add([number, system, financialYear, sequence, orderId, customerId, first.Currency, taxable, cgst, tax - cgst, 0L, total, paid,
                status.ToString(), UnknownPlaceOfSupply, first.BilledAt]);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var piece = pieces.GetValueOrDefault(line.Sku);
                var lineCgst = line.TaxMinor / 2;
                OrderLines.Add([orderId, i + 1, line.Sku, line.Quantity]);
                // A legacy export gives the line's amount, not its parts: it is booked as one "other" component.
                BillLines.Add([number, i + 1, line.Sku, line.Description, piece?.Metal ?? "", piece?.Fineness ?? 0, line.Quantity, piece?.NetMg ?? 0L,
                    0L, system, first.BilledAt, 0L, 0L, 0L, 0L, line.AmountMinor, line.AmountMinor, piece?.Hsn ?? "7113",
                    lineCgst, line.TaxMinor - lineCgst, 0L, line.AmountMinor + line.TaxMinor, line.Attributes]);
                if (liveEffects && piece is { Status: nameof(PieceStatus.Available) or nameof(PieceStatus.Returned) })
                {
                    SoldPieces.Add([piece.Sku, nameof(PieceStatus.Sold), orderId]);
                    Movements.Add([piece.Sku, piece.Branch, nameof(MovementReason.Sale), -1, -piece.NetMg, number, $"Sale:{system}:{number}:{piece.Sku}", now]);
                    piece.Status = nameof(PieceStatus.Sold);
                }
            }

            if (payment is not null)
            {
                Payments.Add([ImportIds.For("payment", system, number), number, nameof(PaymentKind.Payment), paid, first.Currency, payment.PaymentMethod,
                    payment.PaymentReference, payment.PaidAt ?? first.BilledAt, now]);
            }

            if (customerId is not null)
            {
                Purchases.Add([customerId, number, orderId, total, first.Currency, first.BilledAt, now]);
            }
        }
    }
}
