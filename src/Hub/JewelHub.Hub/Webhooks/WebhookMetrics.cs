using System.Diagnostics.Metrics;

namespace JewelHub.Hub.Webhooks;

/// <summary>The connectors' counters on the <c>JewelHub.Connectors</c> meter: deliveries stored, repeated and refused.</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "JewelHub.Connectors";

    private readonly Meter _meter;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;

    public WebhookMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _stored = _meter.CreateCounter<long>("jewelhub.webhooks.stored", description: "Verified deliveries stored in the inbox.");
        _duplicates = _meter.CreateCounter<long>("jewelhub.webhooks.duplicates", description: "Repeated deliveries answered without storing them again.");
        _rejected = _meter.CreateCounter<long>("jewelhub.webhooks.rejected", description: "Deliveries refused because their signature did not verify.");
    }

    public void Stored(string connector) => _stored.Add(1, new KeyValuePair<string, object?>("connector", connector));

    public void Duplicate(string connector) => _duplicates.Add(1, new KeyValuePair<string, object?>("connector", connector));

    public void Rejected(string connector) => _rejected.Add(1, new KeyValuePair<string, object?>("connector", connector));

    public void Dispose() => _meter.Dispose();
}
