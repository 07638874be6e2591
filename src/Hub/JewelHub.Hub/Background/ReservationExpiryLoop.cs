using JewelHub.Hub.Api.Inventory;
using JewelHub.Stores.Inventory;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Background;

/// <summary>Releases unpaid reservations whose hold has ended, on a timer, so their pieces can be sold again.</summary>
public sealed partial class ReservationExpiryLoop(
    InventoryStore store,
    TimeProvider clock,
    IOptions<InventoryOptions> options,
    ILogger<ReservationExpiryLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ReleaseExpiredAsync(stoppingToken);
        }
    }

    /// <summary>One pass: releases what has expired by now.</summary>
    public async Task ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        try
        {
            var released = await store.ReleaseExpiredAsync(clock.GetUtcNow(), cancellationToken);
            if (released.Count > 0)
            {
                LogReleased(logger, released.Count, released);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged and retried rather than rethrown: an expired hold stays expired, so the next tick redoes exactly
            // this work; a passing database outage delays releases by one interval instead of stopping the hub.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Released {Count} expired reservations: {OrderIds}")]
    private static partial void LogReleased(ILogger logger, int count, IReadOnlyList<string> orderIds);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "Releasing expired reservations failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
