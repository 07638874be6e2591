using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Connectors;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Events;
using JewelHub.Stores.Operations;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Webhooks;

/// <summary>
/// Maps stored deliveries to canonical events, oldest first per connector. A mapped delivery's events are appended to
/// the event log in the same unit that marks it processed, so it has its effect exactly once; their ids derive from the
/// vendor's ids, so a replay appends nothing new. A reported customer is upserted in the CRM (matched on the vendor's
/// reference) and announced as customer.upserted in that same unit, so a repeat adds no second customer. A topic the connector does not handle is marked ignored. A delivery
/// that cannot be mapped, whose events do not pass the events API's data check, or that cannot be appended is retried
/// with a doubling wait and then dead-lettered with its reason.
/// </summary>
public sealed partial class InboxDispatcher(
    InboxStore inbox,
    EventStore events,
    CustomerOperations customers,
    Database db,
    WebhookConnectors connectors,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<InboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks the dispatcher to look for work now (a delivery was stored or replayed).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it between the check and the release: it is awake either way.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await RunOnceAsync(stoppingToken))
            {
                try
                {
                    await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over the due deliveries; returns whether there were any.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var due = await inbox.DueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
            foreach (var row in due)
            {
                await ProcessAsync(row, cancellationToken);
            }

            return due.Count > 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The inbox itself could not be read or written (the database is away): nothing was lost, the rows stay
            // pending and the next pass retries them.
            LogPassFailed(logger, exception);
            return false;
        }
    }

    private async Task ProcessAsync(InboxRow row, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ConnectorId"] = row.Connector, ["DeliveryId"] = row.DeliveryId });
        if (connectors.Find(row.Connector) is not { } connector)
        {
            await FailAsync(row, $"no connector '{row.Connector}' is known to this hub", cancellationToken);
            return;
        }

        var delivery = new WebhookDelivery(row.Connector, row.DeliveryId, row.Topic, row.Body, row.ReceivedAt);
        switch (connector.Map(delivery, connectors.Options(row.Connector)))
        {
            case WebhookMapping.Mapped mapped when Problems(mapped.Events) is { Length: > 0 } problems:
                await FailAsync(row, problems, cancellationToken);
                break;
            case WebhookMapping.Mapped mapped:
                await AppendAsync(row, mapped.Events, cancellationToken);
                break;
            case WebhookMapping.CustomerReported reported:
                await UpsertCustomerAsync(row, reported, cancellationToken);
                break;
            case WebhookMapping.Ignored ignored:
                await db.InUnitAsync((unit, ct) => inbox.FinishAsync(unit, row.Seq, InboxStatus.Ignored, ignored.Reason, clock.GetUtcNow(), ct), cancellationToken);
                break;
            case WebhookMapping.Failed failed:
                await FailAsync(row, failed.Reason, cancellationToken);
                break;
        }
    }

    private async Task AppendAsync(InboxRow row, IReadOnlyList<CloudEvent> mapped, CancellationToken cancellationToken)
    {
        try
        {
            await db.InUnitAsync(async (unit, ct) =>
            {
                // Another hub on the same database may have finished the row first; then it appended the events.
                if (await inbox.FinishAsync(unit, row.Seq, InboxStatus.Processed, null, clock.GetUtcNow(), ct))
                {
                    foreach (var cloudEvent in mapped)
                    {
                        events.Publish(unit, cloudEvent);
                    }
                }
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAppendFailed(logger, row.Connector, row.DeliveryId, exception);
            await FailAsync(row, "the events could not be appended to the event log (the hub's log has the cause)", cancellationToken);
        }
    }

    private async Task UpsertCustomerAsync(InboxRow row, WebhookMapping.CustomerReported reported, CancellationToken cancellationToken)
    {
        var customer = reported.Customer;
        var input = new CustomerUpsert
        {
            Name = customer.Name,
            Phone = PhoneNumber.TryParse(customer.Phone, customers.DefaultCallingCode, out var phone, out _) ? phone : null,
            Email = EmailAddress.TryParse(customer.Email, out var email, out _) ? email : null,
            SmsOptIn = customer.SmsOptIn,
            EmailOptIn = customer.EmailOptIn,
            References = customer.References,
            Source = row.Connector,
        };
        try
        {
            await db.InUnitAsync(async (unit, ct) =>
            {
                if (await inbox.FinishAsync(unit, row.Seq, InboxStatus.Processed, null, clock.GetUtcNow(), ct))
                {
                    await customers.UpsertAsync(unit, input, reported.EventId, $"/connectors/{row.Connector}", reported.Time, ct);
                }
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAppendFailed(logger, row.Connector, row.DeliveryId, exception);
            await FailAsync(row, "the customer could not be upserted in the CRM (the hub's log has the cause)", cancellationToken);
        }
    }

    // The same check POST /api/events makes, so a mapped event never starts a workflow that would fault on its data.
    private string Problems(IReadOnlyList<CloudEvent> mapped)
    {
        var now = clock.GetUtcNow();
        return string.Join("; ", mapped.SelectMany(cloudEvent => EventDataCheck.Check(cloudEvent.Type, cloudEvent.Data, now)
            .Select(error => $"{cloudEvent.Type} {error.Field}: {error.Message}")));
    }

    private async Task FailAsync(InboxRow row, string reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempts = row.Attempts + 1;
        var now = clock.GetUtcNow();
        DateTimeOffset? next = null;
        if (attempts < settings.MaxAttempts)
        {
            // Doubling stops at 2^20 times the first delay, which is past any allowed maximum and far from overflowing.
            var wait = settings.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
            next = now + (wait < settings.MaxRetryDelay ? wait : settings.MaxRetryDelay);
        }
        else
        {
            LogDeadLettered(logger, row.Connector, row.DeliveryId, attempts);
        }

        await inbox.RecordFailureAsync(row.Seq, attempts, next, reason, now, cancellationToken);
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Error, Message = "A pass over the webhook inbox failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Appending the events of {ConnectorId} delivery {DeliveryId} failed")]
    private static partial void LogAppendFailed(ILogger logger, string connectorId, string deliveryId, Exception exception);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "{ConnectorId} delivery {DeliveryId} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string connectorId, string deliveryId, int attempts);
}
