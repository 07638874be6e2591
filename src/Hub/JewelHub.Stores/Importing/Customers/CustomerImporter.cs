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
    private static readonly BulkTable Customers = new("crm.customers",
    [
        new("id", BulkType.Text), new("name", BulkType.Text), new("phone_e164", BulkType.Text), new("email", BulkType.Text),
        new("birthday", BulkType.Date), new("anniversary", BulkType.Date), new("sms_opt_in", BulkType.Boolean),
        new("email_opt_in", BulkType.Boolean), new("created_at", BulkType.Timestamp), new("updated_at", BulkType.Timestamp),
    ], ["id"], BulkMode.InsertIgnore);

    private static readonly BulkTable CustomerUpdates = new("crm.customers",
    [
        new("id", BulkType.Text), new("phone_e164", BulkType.Text), new("email", BulkType.Text), new("birthday", BulkType.Date),
        new("anniversary", BulkType.Date), new("sms_opt_in", BulkType.Boolean), new("email_opt_in", BulkType.Boolean),
        new("updated_at", BulkType.Timestamp),
    ], ["id"], BulkMode.Update);

    private static readonly BulkTable References = new("crm.customer_refs",
    [
        new("system", BulkType.Text), new("external_id", BulkType.Text), new("customer_id", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["system", "external_id"], BulkMode.InsertIgnore);

    private const string SelectReferences = """
        SELECT external_id, customer_id FROM crm.customer_refs WHERE system = @System AND {in:external_id:Ids}
        """;

    // A UNION, not one WHERE with ORs, so that each list is looked up through its own index.
    private const string SelectCustomers = """
        SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in FROM crm.customers WHERE {in:id:Ids}
        UNION SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in FROM crm.customers WHERE {in:phone_e164:Phones}
        UNION SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in FROM crm.customers WHERE {in:email:Emails}
        """;

    private readonly IBulkWriter _writer = IBulkWriter.For(db);
    private readonly string _selectReferences = SqlList.Expand(db, SelectReferences);
    private readonly string _selectCustomers = SqlList.Expand(db, SelectCustomers);

    /// <summary>Resolves and writes the rows (in file order); returns what happened to them.</summary>
    public async Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<CustomerImportRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.ExternalId).Distinct().ToArray();
        var references = (await connection.QueryAsync<(string ExternalId, string CustomerId)>(new CommandDefinition(
            _selectReferences, new { System = system, Ids = SqlList.Value(db, ids) }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.ExternalId, r => r.CustomerId, StringComparer.Ordinal);
        var known = await connection.QueryAsync<CustomerState>(new CommandDefinition(_selectCustomers, new
        {
            Ids = SqlList.Value(db, references.Values.Distinct().ToArray()),
            Phones = SqlList.Value(db, rows.Where(r => r.Phone is not null).Select(r => r.Phone!).Distinct().ToArray()),
            Emails = SqlList.Value(db, rows.Where(r => r.Email is not null).Select(r => r.Email!).Distinct().ToArray()),
        }, transaction, cancellationToken: cancellationToken));

        var resolver = new CustomerResolver(system, references, known);
        foreach (var row in rows)
        {
            resolver.Apply(row);
        }

        var now = clock.GetUtcNow();
        await _writer.WriteAsync(connection, transaction, Customers, resolver.Inserted.Select(c => new object?[]
        {
            c.Id, c.Name, c.PhoneE164, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, now, now,
        }).ToList(), cancellationToken);
        await _writer.WriteAsync(connection, transaction, CustomerUpdates, resolver.Updated.Select(c => new object?[]
        {
            c.Id, c.PhoneE164, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, now,
        }).ToList(), cancellationToken);
        await _writer.WriteAsync(connection, transaction, References, resolver.NewReferences.Select(r => new object?[]
        {
            system, r.ExternalId, r.CustomerId, now,
        }).ToList(), cancellationToken);
        return new ImportBatchResult(resolver.Counts, resolver.Merges);
    }
}
