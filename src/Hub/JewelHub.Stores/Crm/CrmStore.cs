using System.Data.Common;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Importing;

namespace JewelHub.Stores.Crm;

/// <summary>
/// The canonical customers: one per person, whatever systems know them and under whatever ids. Customers are
/// matched by (system, external id), then by normalised phone, then by e-mail; the database's unique keys settle
/// races between concurrent upserts of the same new person.
/// </summary>
public sealed partial class CrmStore(Database db, TimeProvider clock, CrmOptions options)
{
    private const string SelectCustomer = $"SELECT {CustomerRow.Columns} FROM customers WHERE id = @Id";
    private const string SelectIdByPhone = "SELECT id FROM customers WHERE phone_e164 = @Phone";
    private const string SelectIdByEmail = "SELECT id FROM customers WHERE email = @Email";
    // The id as stored, else as the old system printed it; one index each.
    private const string SelectIdByReference = """
        SELECT customer_id FROM customer_refs WHERE system = @System AND external_id = @ExternalId
        UNION ALL SELECT customer_id FROM customer_refs WHERE system = @System AND printed_id = @ExternalId
        """;
    private const string SelectPreferences = "SELECT key, value FROM preferences WHERE customer_id = @Id ORDER BY key";
    private const string SelectReferences = "SELECT system, external_id, printed_id FROM customer_refs WHERE customer_id = @Id ORDER BY system, external_id";

    /// <summary>The calling code given to national numbers, from <see cref="CrmOptions.DefaultCallingCode"/>.</summary>
    public string DefaultCallingCode => options.DefaultCallingCode;

    /// <summary>Normalises a phone number as typed in a shop ("098765-43210") to E.164 with the default calling code.</summary>
    public bool TryNormalisePhone(string? raw, out PhoneNumber phone) => PhoneNumber.TryParse(raw, options.DefaultCallingCode, out phone, out _);

    /// <summary>The customer with this id, or null.</summary>
    public async Task<Customer?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await LoadAsync(connection, null, id.ToString(), cancellationToken);
    }

    /// <summary>The customer with this phone number, typed in any usual form; null when none or not a phone number.</summary>
    public async Task<Customer?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        TryNormalisePhone(phone, out var normalised)
            ? await FindByAsync(SelectIdByPhone, new { Phone = normalised.Value }, cancellationToken)
            : null;

    /// <summary>The customer with this e-mail address, whatever its case; null when none or not an address.</summary>
    public async Task<Customer?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        EmailAddress.TryParse(email, out var normalised, out _)
            ? await FindByAsync(SelectIdByEmail, new { Email = normalised.Value }, cancellationToken)
            : null;

    /// <summary>The customer a system knows under this id, e.g. ("pos", "C-00042"); null when none.</summary>
    public async Task<Customer?> FindByReferenceAsync(string system, string externalId, CancellationToken cancellationToken)
    {
        var reference = Normalise(new ExternalReference(system, externalId));
        return await FindByAsync(SelectIdByReference, new { reference.System, reference.ExternalId }, cancellationToken);
    }

    /// <summary>
    /// The customers whose attributes (what a migration kept from an old system's columns) have the key, and with
    /// <paramref name="value"/> also that value; at most <paramref name="limit"/>, by name then id.
    /// </summary>
    public async Task<IReadOnlyList<Customer>> FindByAttributeAsync(string key, string? value, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT id FROM customers WHERE {db.Dialect.JsonObjectHas("attributes", "@Key", value is null ? null : "@Value")} ORDER BY name, id LIMIT @Limit";
        await using var connection = await db.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(Command(sql, new { Key = key, Value = value, Limit = limit }, null, cancellationToken));
        var customers = new List<Customer>();
        foreach (var id in ids)
        {
            customers.Add((await LoadAsync(connection, null, id, cancellationToken))!);
        }

        return customers;
    }

    /// <summary>System ids are lower case ("shopify"); external ids keep their case but lose surrounding spaces.</summary>
    internal static ExternalReference Normalise(ExternalReference reference) =>
        new(reference.System.Trim().ToLowerInvariant(), reference.ExternalId.Trim());

    private async Task<Customer?> FindByAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var id = await connection.QueryFirstOrDefaultAsync<string>(Command(sql, parameters, null, cancellationToken));
        return id is null ? null : await LoadAsync(connection, null, id, cancellationToken);
    }

    private async Task<Customer?> LoadAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(Command(SelectCustomer, new { Id = id }, transaction, cancellationToken));
        if (row is null)
        {
            return null;
        }

        var preferences = await connection.QueryAsync<(string Key, string Value)>(Command(SelectPreferences, new { Id = id }, transaction, cancellationToken));
        var references = await connection.QueryAsync<(string System, string ExternalId, string? PrintedId)>(Command(SelectReferences, new { Id = id }, transaction, cancellationToken));
        return new Customer
        {
            Id = Guid.Parse(row.Id),
            Name = row.Name,
            Phone = row.PhoneE164 is { } phone && PhoneNumber.TryParse(phone, options.DefaultCallingCode, out var parsed, out _) ? parsed : null,
            Email = row.Email is { } email && EmailAddress.TryParse(email, out var address, out _) ? address : null,
            Birthday = row.Birthday,
            Anniversary = row.Anniversary,
            SmsOptIn = row.SmsOptIn,
            EmailOptIn = row.EmailOptIn,
            Address = new CustomerAddress(row.AddressLine, row.City, row.State, row.Pincode),
            HomeBranch = row.HomeBranch,
            Attributes = RecordAttributes.Read(row.Attributes),
            Preferences = preferences.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            References = references.Select(r => new ExternalReference(r.System, r.ExternalId) { AsPrinted = r.PrintedId == r.ExternalId ? null : r.PrintedId }).ToList(),
        };
    }

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
