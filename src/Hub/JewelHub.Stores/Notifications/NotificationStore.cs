using Dapper;
using JewelHub.Storage;
using JewelHub.Stores.Crm;

namespace JewelHub.Stores.Notifications;

/// <summary>Notification rows, one per idempotency key: recording the same key again returns the first row.</summary>
public sealed class NotificationStore(Database db, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO notifications (id, idempotency_key, template, recipient, channel, consent_ok, status, created_at, data)
        VALUES (@Id, @IdempotencyKey, @Template, @Recipient, @Channel, @ConsentOk, @Status, @CreatedAt, @Data)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    // For a customer: the consent is checked by the insert itself, with the CRM's rule for the channel.
    private const string InsertForSmsCustomer = $"""
        INSERT INTO notifications (id, idempotency_key, template, recipient, channel, consent_ok, status, created_at, data)
        SELECT @Id, @IdempotencyKey, @Template, @Recipient, @Channel, c.ok, CASE WHEN c.ok THEN 'Queued' ELSE 'Suppressed' END, @CreatedAt, @Data
        FROM (SELECT EXISTS (SELECT 1 FROM customers WHERE id = @Recipient AND {CrmStore.SmsReachable}) AS ok) c
        WHERE TRUE
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING consent_ok
        """;

    private const string InsertForEmailCustomer = $"""
        INSERT INTO notifications (id, idempotency_key, template, recipient, channel, consent_ok, status, created_at, data)
        SELECT @Id, @IdempotencyKey, @Template, @Recipient, @Channel, c.ok, CASE WHEN c.ok THEN 'Queued' ELSE 'Suppressed' END, @CreatedAt, @Data
        FROM (SELECT EXISTS (SELECT 1 FROM customers WHERE id = @Recipient AND {CrmStore.EmailReachable}) AS ok) c
        WHERE TRUE
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING consent_ok
        """;

    private const string Columns = "id, idempotency_key, template, recipient, channel, consent_ok, status, created_at, data";

    private const string SelectByKey = $"SELECT {Columns} FROM notifications WHERE idempotency_key = @IdempotencyKey";

    private const string SelectByRecipient = $"SELECT {Columns} FROM notifications WHERE recipient = @Recipient ORDER BY created_at, id";

    /// <summary>
    /// Records a notification once per <paramref name="idempotencyKey"/>, with the facts its template is filled with
    /// (<paramref name="data"/>, a JSON object, or none); returns the stored row.
    /// </summary>
    public async Task<Notification> RecordAsync(
        UnitOfWork unit, string idempotencyKey, string template, string recipient, string channel, bool consentOk, string? data, CancellationToken cancellationToken)
    {
        // A new key's row is the one written; only a repeat reads the first row back.
        var row = NewRow(idempotencyKey, template, recipient, channel, consentOk, data);
        if (await unit.Connection.ExecuteAsync(unit.Command(Insert, row, cancellationToken)) > 0)
        {
            return row;
        }

        return await FirstAsync(unit, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Records a notification to a customer once per <paramref name="idempotencyKey"/> on <paramref name="channel"/> (as
    /// the sender named it), Queued when the customer may be contacted that way (<see cref="CrmStore.CanContactAsync"/>)
    /// and Suppressed otherwise; the consent is checked by the same statement that writes the row. Returns the stored row.
    /// </summary>
    public async Task<Notification> RecordForCustomerAsync(
        UnitOfWork unit, string idempotencyKey, string template, Guid customerId, string channel, ContactChannel contact, string? data,
        CancellationToken cancellationToken)
    {
        var row = NewRow(idempotencyKey, template, customerId.ToString(), channel, consentOk: false, data);
        var sql = contact == ContactChannel.Sms ? InsertForSmsCustomer : InsertForEmailCustomer;
        if (await unit.Connection.ExecuteScalarAsync<bool?>(unit.Command(sql, row, cancellationToken)) is { } consent)
        {
            return row with { ConsentOk = consent, Status = Status(consent) };
        }

        return await FirstAsync(unit, idempotencyKey, cancellationToken);
    }

    private Notification NewRow(string idempotencyKey, string template, string recipient, string channel, bool consentOk, string? data)
    {
        var createdAt = clock.GetUtcNow().ToUniversalTime();
        return new Notification
        {
            Id = Guid.NewGuid().ToString(),
            IdempotencyKey = idempotencyKey,
            Template = template,
            Recipient = recipient,
            Channel = channel,
            ConsentOk = consentOk,
            Status = Status(consentOk),
            CreatedAt = createdAt.AddTicks(-(createdAt.Ticks % TimeSpan.TicksPerMicrosecond)),
            Data = data,
        };
    }

    private static string Status(bool consentOk) => (consentOk ? NotificationStatus.Queued : NotificationStatus.Suppressed).ToString();

    // A repeated key: the first row recorded under it.
    private static async Task<Notification> FirstAsync(UnitOfWork unit, string idempotencyKey, CancellationToken cancellationToken) =>
        await unit.Connection.QuerySingleAsync<Notification>(unit.Command(SelectByKey, new { IdempotencyKey = idempotencyKey }, cancellationToken));

    /// <summary>The notifications for one recipient, oldest first.</summary>
    public async Task<IReadOnlyList<Notification>> ForRecipientAsync(string recipient, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Notification>(new CommandDefinition(
            SelectByRecipient, new { Recipient = recipient }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
