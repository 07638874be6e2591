using System.Data.Common;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Crm;

public sealed partial class CrmStore
{
    private const string InsertConsentChange = """
        INSERT INTO consent_changes (customer_id, channel, opted_in, source, at) VALUES (@CustomerId, @Channel, @OptedIn, @Source, @At)
        """;

    private const string SetSmsConsent = "UPDATE customers SET sms_opt_in = @OptedIn, updated_at = @Now WHERE id = @Id";
    private const string SetEmailConsent = "UPDATE customers SET email_opt_in = @OptedIn, updated_at = @Now WHERE id = @Id";

    private const string SelectConsentHistory = """
        SELECT channel, opted_in, source, at FROM consent_changes WHERE customer_id = @Id ORDER BY seq
        """;

    // Consent alone is not enough: there must also be somewhere to send the message.
    /// <summary>The condition on a crm.customers row under which the customer may be sent an SMS.</summary>
    internal const string SmsReachable = "sms_opt_in AND phone_e164 IS NOT NULL";

    /// <summary>The condition on a crm.customers row under which the customer may be sent an e-mail.</summary>
    internal const string EmailReachable = "email_opt_in AND email IS NOT NULL";
    private const string CanSms = $"SELECT count(*) FROM customers WHERE id = @Id AND {SmsReachable}";
    private const string CanEmail = $"SELECT count(*) FROM customers WHERE id = @Id AND {EmailReachable}";

    /// <summary>
    /// Records the customer's consent for a channel. A change is written to the consent history with its source; a
    /// statement equal to the current state changes nothing. False when there is no such customer.
    /// </summary>
    public async Task<bool> SetConsentAsync(UnitOfWork unit, Guid customerId, ContactChannel channel, bool optedIn, string source, CancellationToken cancellationToken)
    {
        var id = customerId.ToString();
        var now = clock.GetUtcNow();
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(Command($"{SelectCustomer} {db.Dialect.ForUpdate}", new { Id = id }, transaction, cancellationToken));
        if (row is null)
        {
            return false;
        }

        var current = channel == ContactChannel.Sms ? row.SmsOptIn : row.EmailOptIn;
        if (current != optedIn)
        {
            var update = channel == ContactChannel.Sms ? SetSmsConsent : SetEmailConsent;
            await connection.ExecuteAsync(Command(update, new { Id = id, OptedIn = optedIn, Now = now }, transaction, cancellationToken));
            await RecordConsentAsync(connection, transaction, id, channel, optedIn, source, now, cancellationToken);
        }

        return true;
    }

    /// <summary>Every consent change of the customer, oldest first.</summary>
    public async Task<IReadOnlyList<ConsentChange>> ConsentHistoryAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ConsentChange>(Command(SelectConsentHistory, new { Id = customerId.ToString() }, null, cancellationToken))).AsList();
    }

    /// <summary>Whether the hub may message the customer on the channel: they opted in and there is a number or address.</summary>
    public async Task<bool> CanContactAsync(Guid customerId, ContactChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = channel == ContactChannel.Sms ? CanSms : CanEmail;
        return await connection.ExecuteScalarAsync<long>(Command(sql, new { Id = customerId.ToString() }, null, cancellationToken)) > 0;
    }

    private static async Task RecordConsentAsync(
        DbConnection connection, DbTransaction transaction, string customerId, ContactChannel channel, bool optedIn, string source,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(InsertConsentChange, ConsentRow(customerId, channel, optedIn, source, at), transaction, cancellationToken));

    private static ConsentChangeRow ConsentRow(string customerId, ContactChannel channel, bool optedIn, string source, DateTimeOffset at) =>
        new(customerId, channel.ToString(), optedIn, source, at);

    private sealed record ConsentChangeRow(string CustomerId, string Channel, bool OptedIn, string Source, DateTimeOffset At);
}
