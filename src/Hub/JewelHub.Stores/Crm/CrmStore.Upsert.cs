using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;

namespace JewelHub.Stores.Crm;

public sealed partial class CrmStore
{
    // A lost race shows as a unique violation; the next attempt then sees the winner's row and matches it.
    private const int MaxUpsertAttempts = 5;

    private const string InsertCustomer = """
        INSERT INTO crm.customers (id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, created_at, updated_at)
        VALUES (@Id, @Name, @Phone, @Email, @Birthday, @Anniversary, @SmsOptIn, @EmailOptIn, @Now, @Now)
        """;

    private const string UpdateCustomer = """
        UPDATE crm.customers
        SET phone_e164 = @Phone, email = @Email, birthday = @Birthday, anniversary = @Anniversary,
            sms_opt_in = @SmsOptIn, email_opt_in = @EmailOptIn, updated_at = @Now
        WHERE id = @Id
        """;

    // No ON CONFLICT: a reference taken by a concurrent upsert must fail this attempt, not be skipped silently.
    private const string InsertReference = """
        INSERT INTO crm.customer_refs (system, external_id, customer_id, created_at) VALUES (@System, @ExternalId, @CustomerId, @Now)
        """;

    private const string AddPreference = """
        INSERT INTO crm.preferences (customer_id, key, value, updated_at) VALUES (@CustomerId, @Key, @Value, @Now)
        ON CONFLICT (customer_id, key) DO NOTHING
        """;

    /// <summary>
    /// Finds the canonical customer this input describes (reference, then phone, then e-mail) and fills in what it
    /// lacks, or creates one. Records the references. Safe to repeat and safe under concurrency: the same new person
    /// upserted twice at once becomes one customer.
    /// </summary>
    public async Task<CustomerUpsertResult> UpsertAsync(CustomerUpsert input, CancellationToken cancellationToken)
    {
        if (input.Phone is null && input.Email is null && input.References.Count == 0)
        {
            throw new ArgumentException("An upsert needs a phone, an e-mail or a reference to match on.", nameof(input));
        }

        var references = input.References.Select(Normalise).Distinct().ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
            try
            {
                var result = await UpsertOnceAsync(connection, transaction, input, references, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbException exception) when (attempt < MaxUpsertAttempts && db.Dialect.IsUniqueViolation(exception))
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
    }

    private async Task<CustomerUpsertResult> UpsertOnceAsync(
        DbConnection connection, DbTransaction transaction, CustomerUpsert input, List<ExternalReference> references, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = new HashSet<ExternalReference>();
        string? byReference = null;
        foreach (var reference in references)
        {
            var owner = await connection.QuerySingleOrDefaultAsync<string>(Command(SelectIdByReference, reference, transaction, cancellationToken));
            if (owner is not null)
            {
                known.Add(reference);
                byReference ??= owner;
            }
        }

        var phone = input.Phone?.Value;
        var email = input.Email?.Value;
        var phoneOwner = phone is null ? null : await connection.QuerySingleOrDefaultAsync<string>(Command(SelectIdByPhone, new { Phone = phone }, transaction, cancellationToken));
        var emailOwner = email is null ? null : await connection.QuerySingleOrDefaultAsync<string>(Command(SelectIdByEmail, new { Email = email }, transaction, cancellationToken));
        var matched = byReference ?? phoneOwner ?? emailOwner;

        var id = matched ?? Guid.CreateVersion7(now).ToString();
        var changed = matched is null
            ? await CreateAsync(connection, transaction, id, input, now, cancellationToken)
            : await MergeAsync(connection, transaction, id, input, phoneOwner is null ? phone : null, emailOwner is null ? email : null, now, cancellationToken);

        foreach (var reference in references.Where(r => !known.Contains(r)))
        {
            await connection.ExecuteAsync(Command(InsertReference, new { reference.System, reference.ExternalId, CustomerId = id, Now = now }, transaction, cancellationToken));
            changed = true;
        }

        foreach (var (key, value) in input.Preferences)
        {
            changed |= await connection.ExecuteAsync(Command(AddPreference, new { CustomerId = id, Key = key, Value = value, Now = now }, transaction, cancellationToken)) > 0;
        }

        var customer = await LoadAsync(connection, transaction, id, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {id} vanished inside its own transaction.");
        var outcome = matched is null ? CustomerUpsertOutcome.Created : changed ? CustomerUpsertOutcome.Updated : CustomerUpsertOutcome.Matched;
        return new CustomerUpsertResult(customer, outcome);
    }

    private async Task<bool> CreateAsync(
        DbConnection connection, DbTransaction transaction, string id, CustomerUpsert input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Command(InsertCustomer, new
        {
            Id = id,
            Name = input.Name.Trim(),
            Phone = input.Phone?.Value,
            Email = input.Email?.Value,
            input.Birthday,
            input.Anniversary,
            SmsOptIn = input.SmsOptIn ?? false,
            EmailOptIn = input.EmailOptIn ?? false,
            Now = now,
        }, transaction, cancellationToken));
        if (input.SmsOptIn is { } sms)
        {
            await RecordConsentAsync(connection, transaction, id, ContactChannel.Sms, sms, input.Source, now, cancellationToken);
        }

        if (input.EmailOptIn is { } mail)
        {
            await RecordConsentAsync(connection, transaction, id, ContactChannel.Email, mail, input.Source, now, cancellationToken);
        }

        return true;
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
            Now = now,
        };
        if (merged.Phone == row.PhoneE164 && merged.Email == row.Email && merged.Birthday == row.Birthday
            && merged.Anniversary == row.Anniversary && merged.SmsOptIn == row.SmsOptIn && merged.EmailOptIn == row.EmailOptIn)
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
}
