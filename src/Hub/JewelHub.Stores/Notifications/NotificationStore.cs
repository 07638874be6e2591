using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Notifications;

/// <summary>Notification rows, one per idempotency key: recording the same key again returns the first row.</summary>
public sealed class NotificationStore(Database db, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO hub.notifications (id, idempotency_key, template, recipient, channel, consent_ok, status, created_at)
        VALUES (@Id, @IdempotencyKey, @Template, @Recipient, @Channel, @ConsentOk, @Status, @CreatedAt)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    private const string Columns = "id, idempotency_key, template, recipient, channel, consent_ok, status, created_at";

    private const string SelectByKey = $"SELECT {Columns} FROM hub.notifications WHERE idempotency_key = @IdempotencyKey";

    private const string SelectByRecipient = $"SELECT {Columns} FROM hub.notifications WHERE recipient = @Recipient ORDER BY created_at, id";

    /// <summary>Records a notification once per <paramref name="idempotencyKey"/>; returns the stored row.</summary>
    public async Task<Notification> RecordAsync(
        string idempotencyKey, string template, string recipient, string channel, bool consentOk, CancellationToken cancellationToken)
    {
        // A new key's row is the one written; only a repeat reads the first row back.
        var createdAt = clock.GetUtcNow().ToUniversalTime();
        var row = new Notification
        {
            Id = Guid.NewGuid().ToString(),
            IdempotencyKey = idempotencyKey,
            Template = template,
            Recipient = recipient,
            Channel = channel,
            ConsentOk = consentOk,
            Status = (consentOk ? NotificationStatus.Queued : NotificationStatus.Suppressed).ToString(),
            CreatedAt = createdAt.AddTicks(-(createdAt.Ticks % TimeSpan.TicksPerMicrosecond)),
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(db.Sql(Insert), row, cancellationToken: cancellationToken)) > 0)
        {
            return row;
        }

        return await connection.QuerySingleAsync<Notification>(new CommandDefinition(
            db.Sql(SelectByKey), new { IdempotencyKey = idempotencyKey }, cancellationToken: cancellationToken));
    }

    /// <summary>The notifications for one recipient, oldest first.</summary>
    public async Task<IReadOnlyList<Notification>> ForRecipientAsync(string recipient, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Notification>(new CommandDefinition(
            db.Sql(SelectByRecipient), new { Recipient = recipient }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
