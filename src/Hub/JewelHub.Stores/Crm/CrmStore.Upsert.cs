using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Storage;

namespace JewelHub.Stores.Crm;

public sealed partial class CrmStore
{
    // A lost race shows as a unique violation; the next attempt then sees the winner's row and matches it.
    private const int MaxUpsertAttempts = 5;

    private const string UpsertSavepoint = "upsert_customer";

    private const string InsertCustomer = """
        INSERT INTO customers (id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in,
            address_line, city, state, pincode, home_branch, created_at, updated_at)
        VALUES (@Id, @Name, @Phone, @Email, @Birthday, @Anniversary, @SmsOptIn, @EmailOptIn,
            @AddressLine, @City, @State, @Pincode, @HomeBranch, @Now, @Now)
        """;

    private const string UpdateCustomer = """
        UPDATE customers
        SET phone_e164 = @Phone, email = @Email, birthday = @Birthday, anniversary = @Anniversary,
            sms_opt_in = @SmsOptIn, email_opt_in = @EmailOptIn, address_line = @AddressLine, city = @City, state = @State,
            pincode = @Pincode, home_branch = @HomeBranch, updated_at = @Now
        WHERE id = @Id
        """;

    // No ON CONFLICT: a reference taken by a concurrent upsert must fail this attempt, not be skipped silently.
    private const string InsertReference = """
        INSERT INTO customer_refs (system, external_id, customer_id, created_at) VALUES (@System, @ExternalId, @CustomerId, @Now)
        """;

    private const string AddPreference = """
        INSERT INTO preferences (customer_id, key, value, updated_at) VALUES (@CustomerId, @Key, @Value, @Now)
        ON CONFLICT (customer_id, key) DO NOTHING
        """;

    /// <summary>
    /// Finds the canonical customer this input describes (reference, then phone, then e-mail) and fills in what it
    /// lacks, or creates one. Records the references. Safe to repeat and safe under concurrency: the same new person
    /// upserted twice at once becomes one customer.
    /// </summary>
    public async Task<CustomerUpsertResult> UpsertAsync(UnitOfWork unit, CustomerUpsert input, CancellationToken cancellationToken)
    {
        var (upserted, outcome) = await UpsertCoreAsync(unit, input, load: true, cancellationToken);
        return new CustomerUpsertResult(upserted.Customer!, outcome);
    }

    /// <summary>
    /// The same upsert for a caller that needs only the customer's id (a workflow step): the customer is not read back,
    /// and a new customer costs two round trips (the look-ups, then the writes).
    /// </summary>
    public async Task<(Guid Id, CustomerUpsertOutcome Outcome)> UpsertForIdAsync(UnitOfWork unit, CustomerUpsert input, CancellationToken cancellationToken)
    {
        var (found, outcome) = await UpsertCoreAsync(unit, input, load: false, cancellationToken);
        return (found.Id, outcome);
    }

    private async Task<(Upserted Customer, CustomerUpsertOutcome Outcome)> UpsertCoreAsync(
        UnitOfWork unit, CustomerUpsert input, bool load, CancellationToken cancellationToken)
    {
        if (input.Phone is null && input.Email is null && input.References.Count == 0)
        {
            throw new ArgumentException("An upsert needs a phone, an e-mail or a reference to match on.", nameof(input));
        }

        var references = input.References.Select(Normalise).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertOnceAsync(unit, input, references, load, cancellationToken);
            }
            catch (DbException exception) when (attempt < MaxUpsertAttempts && db.Dialect.IsUniqueViolation(exception))
            {
                // Undo this attempt's writes (the look-up took the savepoint) and match the winner's row.
                await unit.Transaction.RollbackAsync(UpsertSavepoint, cancellationToken);
            }
        }
    }

    private async Task<(Upserted Customer, CustomerUpsertOutcome Outcome)> UpsertOnceAsync(
        UnitOfWork unit, CustomerUpsert input, List<ExternalReference> references, bool load, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var now = clock.GetUtcNow();
        var phone = input.Phone?.Value;
        var email = input.Email?.Value;
        var (owners, phoneOwner, emailOwner) = await LookUpAsync(connection, transaction, references, phone, email, cancellationToken);
        var known = references.Where((_, i) => owners[i] is not null).ToHashSet();
        var byReference = owners.FirstOrDefault(owner => owner is not null);
        var matched = byReference ?? phoneOwner ?? emailOwner;

        var id = matched ?? Guid.CreateVersion7(now).ToString();
        bool changed;
        if (matched is null)
        {
            // A new customer: the row, its consent statements, references and preferences in one round trip.
            await CreateAsync(unit, id, input, references, now, cancellationToken);
            changed = true;
        }
        else
        {
            changed = await MergeAsync(connection, transaction, id, input, phoneOwner is null ? phone : null, emailOwner is null ? email : null, now, cancellationToken);
            foreach (var reference in references.Where(r => !known.Contains(r)))
            {
                await connection.ExecuteAsync(Command(InsertReference, new { reference.System, reference.ExternalId, CustomerId = id, Now = now }, transaction, cancellationToken));
                changed = true;
            }

            foreach (var (key, value) in input.Preferences)
            {
                changed |= await connection.ExecuteAsync(Command(AddPreference, new { CustomerId = id, Key = key, Value = value, Now = now }, transaction, cancellationToken)) > 0;
            }
        }

        var customer = load
            ? await LoadAsync(connection, transaction, id, cancellationToken) ?? throw new InvalidOperationException($"Customer {id} vanished inside its own transaction.")
            : null;
        var outcome = matched is null ? CustomerUpsertOutcome.Created : changed ? CustomerUpsertOutcome.Updated : CustomerUpsertOutcome.Matched;
        return (new Upserted(Guid.Parse(id), customer), outcome);
    }

    /// <summary>
    /// In one round trip: a savepoint the attempt can go back to, then the owner of each reference (null when unknown),
    /// of the phone and of the e-mail.
    /// </summary>
    private static async Task<(string?[] References, string? Phone, string? Email)> LookUpAsync(
        DbConnection connection, DbTransaction transaction, List<ExternalReference> references, string? phone, string? email, CancellationToken cancellationToken)
    {
        var columns = new List<string>();
        var parameters = new DynamicParameters();
        for (var i = 0; i < references.Count; i++)
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            columns.Add($"(SELECT customer_id FROM customer_refs WHERE system = @System{n} AND external_id = @ExternalId{n}) AS ref{n}");
            parameters.Add($"System{n}", references[i].System);
            parameters.Add($"ExternalId{n}", references[i].ExternalId);
        }

        columns.Add(phone is null ? "NULL AS phone" : "(SELECT id FROM customers WHERE phone_e164 = @Phone) AS phone");
        columns.Add(email is null ? "NULL AS email" : "(SELECT id FROM customers WHERE email = @Email) AS email");
        parameters.Add("Phone", phone);
        parameters.Add("Email", email);
        var sql = $"SAVEPOINT {UpsertSavepoint};\nSELECT {string.Join(", ", columns)}";
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync(Command(sql, parameters, transaction, cancellationToken));
        string? Text(string column) => row[column] as string;
        var owners = references.Select((_, i) => Text($"ref{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}")).ToArray();
        return (owners, Text("phone"), Text("email"));
    }

    private static async Task CreateAsync(
        UnitOfWork unit, string id, CustomerUpsert input, List<ExternalReference> references, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var batch = new SqlBatch().Add(InsertCustomer, new
        {
            Id = id,
            Name = input.Name.Trim(),
            Phone = input.Phone?.Value,
            Email = input.Email?.Value,
            input.Birthday,
            input.Anniversary,
            SmsOptIn = input.SmsOptIn ?? false,
            EmailOptIn = input.EmailOptIn ?? false,
            AddressLine = input.Address.Line,
            input.Address.City,
            input.Address.State,
            input.Address.Pincode,
            input.HomeBranch,
            Now = now,
        });
        var consents = new[] { (ContactChannel.Sms, input.SmsOptIn), (ContactChannel.Email, input.EmailOptIn) }
            .Where(consent => consent.Item2 is not null)
            .Select(consent => ConsentRow(id, consent.Item1, consent.Item2!.Value, input.Source, now))
            .ToList();
        batch.AddEach(InsertConsentChange, consents)
            .AddEach(InsertReference, references.Select(r => new { r.System, r.ExternalId, CustomerId = id, Now = now }))
            .AddEach(AddPreference, input.Preferences.Select(p => new { CustomerId = id, p.Key, p.Value, Now = now }));
        await unit.ExecuteAsync(batch, cancellationToken);
    }

    /// <summary>Fills in what the customer lacks; a phone or e-mail that belongs to another customer is not taken.</summary>
    private async Task<bool> MergeAsync(
        DbConnection connection, DbTransaction transaction, string id, CustomerUpsert input, string? freePhone, string? freeEmail,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<CustomerRow>(Command($"{SelectCustomer} {db.Dialect.ForUpdate}", new { Id = id }, transaction, cancellationToken));
        var merged = new
        {
            Id = id,
            Phone = row.PhoneE164 ?? freePhone,
            Email = row.Email ?? freeEmail,
            Birthday = row.Birthday ?? input.Birthday,
            Anniversary = row.Anniversary ?? input.Anniversary,
            SmsOptIn = input.SmsOptIn ?? row.SmsOptIn,
            EmailOptIn = input.EmailOptIn ?? row.EmailOptIn,
            AddressLine = row.AddressLine ?? input.Address.Line,
            City = row.City ?? input.Address.City,
            State = row.State ?? input.Address.State,
            Pincode = row.Pincode ?? input.Address.Pincode,
            HomeBranch = row.HomeBranch ?? input.HomeBranch,
            Now = now,
        };
        if (merged.Phone == row.PhoneE164 && merged.Email == row.Email && merged.Birthday == row.Birthday
            && merged.Anniversary == row.Anniversary && merged.SmsOptIn == row.SmsOptIn && merged.EmailOptIn == row.EmailOptIn
            && merged.AddressLine == row.AddressLine && merged.City == row.City && merged.State == row.State && merged.Pincode == row.Pincode
            && merged.HomeBranch == row.HomeBranch)
        {
            return false;
        }

        await connection.ExecuteAsync(Command(UpdateCustomer, merged, transaction, cancellationToken));
        if (merged.SmsOptIn != row.SmsOptIn)
        {
            await RecordConsentAsync(connection, transaction, id, ContactChannel.Sms, merged.SmsOptIn, input.Source, now, cancellationToken);
        }

        if (merged.EmailOptIn != row.EmailOptIn)
        {
            await RecordConsentAsync(connection, transaction, id, ContactChannel.Email, merged.EmailOptIn, input.Source, now, cancellationToken);
        }

        return true;
    }

    private sealed record Upserted(Guid Id, Customer? Customer);
}
