using System.Data.Common;
using Dapper;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;

namespace JewelHub.Stores.Importing.Customers;

/// <summary>
/// Writes a batch of legacy customers inside the caller's transaction. Each row is matched by its (system, external
/// id) reference first, then by normalised phone, then e-mail (a merge, reported); otherwise it is a new customer.
/// Matches only fill blanks, so re-running a file changes nothing.
/// </summary>
public sealed class CustomerImporter(Database db, TimeProvider clock)
{
    /// <summary>The new customers a batch writes (public so the import benchmark's ceiling writes exactly the same columns).</summary>
    public static readonly BulkTable Customers = new("customers",
    [
        new("id", BulkType.Text), new("name", BulkType.Text), new("phone_e164", BulkType.Text), new("email", BulkType.Text),
        new("birthday", BulkType.Date), new("anniversary", BulkType.Date), new("sms_opt_in", BulkType.Boolean),
        new("email_opt_in", BulkType.Boolean), new("address_line", BulkType.Text), new("city", BulkType.Text), new("state", BulkType.Text),
        new("pincode", BulkType.Text), new("home_branch", BulkType.Text), new("attributes", BulkType.Text),
        new("created_at", BulkType.Timestamp), new("updated_at", BulkType.Timestamp),
    ], ["id"], BulkMode.InsertChecked);

    private static readonly BulkTable CustomerUpdates = new("customers",
    [
        new("id", BulkType.Text), new("phone_e164", BulkType.Text), new("email", BulkType.Text), new("birthday", BulkType.Date),
        new("anniversary", BulkType.Date), new("sms_opt_in", BulkType.Boolean), new("email_opt_in", BulkType.Boolean),
        new("address_line", BulkType.Text), new("city", BulkType.Text), new("state", BulkType.Text), new("pincode", BulkType.Text),
        new("home_branch", BulkType.Text), new("attributes", BulkType.Text), new("updated_at", BulkType.Timestamp),
    ], ["id"], BulkMode.Update);

    /// <summary>The new (system, external id) references a batch writes.</summary>
    public static readonly BulkTable References = new("customer_refs",
    [
        new("system", BulkType.Text), new("external_id", BulkType.Text), new("customer_id", BulkType.Text), new("printed_id", BulkType.Text),
        new("created_at", BulkType.Timestamp),
    ], ["system", "external_id"], BulkMode.InsertChecked);

    // One statement: the customers the batch's references name (with the reference), then those whose phone or e-mail
    // a row carries. UNION ALL branches, not one WHERE with ORs, so that each list is looked up through its own index;
    // a customer found twice is kept once.
    private static string SelectKnown(ISqlDialect dialect) => $"""
        WITH refs AS (SELECT external_id, customer_id FROM customer_refs WHERE system = @System AND {dialect.InList("external_id", "@Ids")})
        SELECT refs.external_id AS referenced_as, {KnownColumns("c.")}
        FROM refs JOIN customers c ON c.id = refs.customer_id
        UNION ALL SELECT NULL, {KnownColumns("")} FROM customers WHERE {dialect.InList("phone_e164", "@Phones")}
        UNION ALL SELECT NULL, {KnownColumns("")} FROM customers WHERE {dialect.InList("email", "@Emails")}
        """;

    private static readonly string[] Known =
    [
        "id", "name", "phone_e164", "email", "birthday", "anniversary", "sms_opt_in", "email_opt_in", "address_line", "city", "state",
        "pincode", "home_branch", "attributes",
    ];

    private static string KnownColumns(string alias) => string.Join(", ", Known.Select(c => alias + c));

    private readonly IBulkWriter _writer = IBulkWriter.For(db);
    private readonly string _selectKnown = SelectKnown(db.Dialect);

    /// <summary>The id a customer first seen as (system, external id) gets; the same in every run, resumed or not.</summary>
    public static string NewCustomerId(string system, string externalId) => CustomerState.IdFor(system, externalId);

    /// <summary>Resolves and writes the rows (in file order), looking them up inside the transaction; returns what happened to them.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<CustomerImportRow> rows, CancellationToken cancellationToken) =>
        await WriteAsync(connection, transaction, system, rows, await LookUpAsync(connection, transaction, system, rows, cancellationToken), cancellationToken);

    /// <summary>Resolves and writes the rows (in file order) against a look-up made for them; returns what happened to them.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<CustomerImportRow> rows, CustomerLookUp lookUp, CancellationToken cancellationToken)
    {
        var resolver = new CustomerResolver(system, lookUp.References, lookUp.Known.Values);
        foreach (var row in rows)
        {
            resolver.Apply(row);
        }

        var inserted = resolver.Inserted.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var updated = resolver.Updated.ToList();
        var now = clock.GetUtcNow();
        // Written in key order: ids are hashes, so file order would touch index pages at random.
        await _writer.WriteAsync(connection, transaction, Customers, inserted.Select(c => new object?[]
        {
            c.Id, c.Name, c.PhoneE164, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, c.AddressLine, c.City, c.State,
            c.Pincode, c.HomeBranch, c.Attributes, now, now,
        }).ToList(), cancellationToken);
        await _writer.WriteAsync(connection, transaction, CustomerUpdates, updated.Select(c => new object?[]
        {
            c.Id, c.PhoneE164, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, c.AddressLine, c.City, c.State, c.Pincode,
            c.HomeBranch, c.Attributes, now,
        }).ToList(), cancellationToken);
        // The id as the first row that gave it printed it (C-01000 for the stored 1000).
        var printed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            printed.TryAdd(row.ExternalId, row.PrintedId);
        }

        await _writer.WriteAsync(connection, transaction, References, resolver.NewReferences.OrderBy(r => r.CustomerId, StringComparer.Ordinal).Select(r => new object?[]
        {
            system, r.ExternalId, r.CustomerId, printed.GetValueOrDefault(r.ExternalId), now,
        }).ToList(), cancellationToken);
        lookUp.Wrote([.. resolver.Written], resolver.NewReferences);
        return new ImportBatchResult(resolver.Counts, resolver.Merges);
    }

    /// <summary>Reads the customers the rows' legacy ids, phones and e-mails name (inside a transaction or not).</summary>
    public async Task<CustomerLookUp> LookUpAsync(
        DbConnection connection, DbTransaction? transaction, string system, IReadOnlyList<CustomerImportRow> rows, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        var phones = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        var emails = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            ids.Add(row.ExternalId);
            _ = row.Phone is not null && phones.Add(row.Phone);
            _ = row.Email is not null && emails.Add(row.Email);
        }

        var found = await connection.QueryAsync<CustomerState>(new CommandDefinition(_selectKnown, new
        {
            System = system,
            Ids = db.Dialect.ListValue(ids),
            Phones = db.Dialect.ListValue(phones),
            Emails = db.Dialect.ListValue(emails),
        }, transaction, cancellationToken: cancellationToken));
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var customer in found)
        {
            if (customer.ReferencedAs is not null)
            {
                references[customer.ReferencedAs] = customer.Id;
            }

            known.TryAdd(customer.Id, customer);
        }

        return new CustomerLookUp(references, known);
    }
}
