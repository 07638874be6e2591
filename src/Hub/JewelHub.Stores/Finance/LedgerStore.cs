using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Values;
using JewelHub.Storage;

namespace JewelHub.Stores.Finance;

/// <summary>
/// The double-entry ledger. A posting is a set of entries whose debits equal their credits, written once per
/// reference: posting the same reference again changes nothing.
/// </summary>
public sealed class LedgerStore(Database db, TimeProvider clock)
{
    private const string InsertPosting = """
        INSERT INTO ledger_postings (reference, description, posted_at)
        VALUES (@Reference, @Description, @PostedAt)
        ON CONFLICT (reference) DO NOTHING
        RETURNING reference
        """;

    private const string InsertEntry = """
        INSERT INTO ledger_entries (posting_reference, account, currency, debit_minor, credit_minor, posted_at)
        VALUES (@Reference, @Account, @Currency, @DebitMinor, @CreditMinor, @PostedAt)
        """;

    // A reference that is new by construction (a bill number just taken): a second posting under it is a bug and fails.
    private const string InsertNewPosting = """
        INSERT INTO ledger_postings (reference, description, posted_at) VALUES (@Reference, @Description, @PostedAt)
        """;

    private const string SelectBalances = """
        SELECT account, currency, CAST(SUM(debit_minor) AS bigint) AS debit_minor, CAST(SUM(credit_minor) AS bigint) AS credit_minor
        FROM ledger_entries
        GROUP BY account, currency
        ORDER BY account, currency
        """;

    private const string SelectPosting = """
        SELECT account, currency, debit_minor, credit_minor FROM ledger_entries
        WHERE posting_reference = @Reference ORDER BY id
        """;

    /// <summary>
    /// Posts a stock adjustment's value: a positive amount (stock found) is Dr inventory / Cr stock-adjustments, a
    /// negative one (stock written off) the reverse. Idempotent per reference; a zero amount posts nothing.
    /// </summary>
    public Task<bool> PostStockAdjustmentAsync(UnitOfWork unit, string reference, Money amount, CancellationToken cancellationToken) =>
        amount.Amount == 0m
            ? Task.FromResult(false)
            : PostAsync(unit, $"stock-adjustment:{reference}", "Stock adjustment", StockAdjustmentLines(amount), cancellationToken);

    /// <summary>Every account's totals.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(SelectBalances, cancellationToken: cancellationToken));
        return new TrialBalance(rows.Select(row => row.ToBalance()).ToList());
    }

    /// <summary>The entries of one posting, in the order they were written.</summary>
    public async Task<IReadOnlyList<AccountBalance>> PostingAsync(string reference, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            SelectPosting, new { Reference = reference }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToBalance()).ToList();
    }

    /// <summary>The entries of several postings in one query, by reference (empty for a reference never posted), each in the order written.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AccountBalance>>> PostingsAsync(
        IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadPostingsAsync(connection, null, references, cancellationToken);
    }

    /// <summary>The same, as <paramref name="unit"/> sees them (with the postings it wrote).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A store operation: callers reach it through the store they were given.")]
    public Task<IReadOnlyDictionary<string, IReadOnlyList<AccountBalance>>> PostingsAsync(
        UnitOfWork unit, IReadOnlyList<string> references, CancellationToken cancellationToken) =>
        ReadPostingsAsync(unit.Connection, unit.Transaction, references, cancellationToken);

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<AccountBalance>>> ReadPostingsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var names = references.Select((reference, i) =>
        {
            var name = "Reference" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(name, reference);
            return "@" + name;
        }).ToList();
        var sql = $"""
            SELECT posting_reference, account, currency, debit_minor, credit_minor FROM ledger_entries
            WHERE posting_reference IN ({string.Join(", ", names)}) ORDER BY id
            """;
        var rows = (await connection.QueryAsync<EntryRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        return references.Distinct(StringComparer.Ordinal).ToDictionary(
            reference => reference,
            reference => (IReadOnlyList<AccountBalance>)[.. rows.Where(row => row.PostingReference == reference).Select(row => row.ToBalance())],
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Posts balanced entries under a reference in the unit, so the posting commits or rolls back with the business
    /// change. Returns false when the reference was already posted (nothing changes). Unbalanced, empty, negative or
    /// mixed-currency postings are bugs in the caller and throw <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<bool> PostAsync(UnitOfWork unit, string reference, string description, IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var entries = Validate(lines);
        var postedAt = clock.GetUtcNow();
        var inserted = await unit.Connection.ExecuteScalarAsync<string?>(unit.Command(
            InsertPosting, new { Reference = reference, Description = description, PostedAt = postedAt }, cancellationToken));
        if (inserted is null)
        {
            return false;
        }

        await unit.ExecuteAsync(new SqlBatch().AddEach(InsertEntry, Entries(reference, entries, postedAt)), cancellationToken);
        return true;
    }

    /// <summary>
    /// The statements of a posting under a reference that cannot have been posted yet (a payment id just recorded, a bill
    /// number just taken), for the caller to send with its other writes; a reference already posted makes them fail.
    /// </summary>
    internal SqlBatch NewPosting(string reference, string description, IReadOnlyList<LedgerLine> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var entries = Validate(lines);
        var postedAt = clock.GetUtcNow();
        return new SqlBatch()
            .Add(InsertNewPosting, new { Reference = reference, Description = description, PostedAt = postedAt })
            .AddEach(InsertEntry, Entries(reference, entries, postedAt));
    }

    private static IEnumerable<object> Entries(string reference, List<EntryRow> entries, DateTimeOffset postedAt) =>
        entries.Select(entry => new
        {
            Reference = reference,
            entry.Account,
            entry.Currency,
            entry.DebitMinor,
            entry.CreditMinor,
            PostedAt = postedAt,
        });

    private static List<EntryRow> Validate(IReadOnlyList<LedgerLine> lines)
    {
        if (lines.Count < 2)
        {
            throw new ArgumentException("A posting needs at least one debit and one credit.", nameof(lines));
        }

        var entries = lines.Select(line =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(line.Account, nameof(lines));
            if (line.Debit < 0 || line.Credit < 0 || (line.Debit == 0) == (line.Credit == 0))
            {
                throw new ArgumentException($"Entry for '{line.Account}' must have either a positive debit or a positive credit.", nameof(lines));
            }

            return new EntryRow
            {
                Account = line.Account,
                Currency = line.Currency.Code,
                DebitMinor = MinorUnits.Of(line.Debit),
                CreditMinor = MinorUnits.Of(line.Credit),
            };
        }).ToList();

        if (entries.Select(e => e.Currency).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new ArgumentException("A posting is in one currency.", nameof(lines));
        }

        if (entries.Sum(e => e.DebitMinor) != entries.Sum(e => e.CreditMinor))
        {
            throw new ArgumentException("The posting does not balance: debits and credits differ.", nameof(lines));
        }

        return entries;
    }

    private static List<LedgerLine> StockAdjustmentLines(Money amount)
    {
        var value = new Money(Math.Abs(amount.Amount), amount.Currency);
        return amount.Amount > 0
            ? [LedgerLine.Dr(LedgerAccounts.Inventory, value), LedgerLine.Cr(LedgerAccounts.StockAdjustments, value)]
            : [LedgerLine.Dr(LedgerAccounts.StockAdjustments, value), LedgerLine.Cr(LedgerAccounts.Inventory, value)];
    }

    private sealed class EntryRow
    {
        public string? PostingReference { get; init; }
        public required string Account { get; init; }
        public required string Currency { get; init; }
        public long DebitMinor { get; init; }
        public long CreditMinor { get; init; }

        public AccountBalance ToBalance() => new()
        {
            Account = Account,
            Currency = Currency,
            Debit = MinorUnits.ToAmount(DebitMinor),
            Credit = MinorUnits.ToAmount(CreditMinor),
        };
    }
}
