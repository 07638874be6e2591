using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;

namespace JewelHub.Connectors.Pos;

/// <summary>
/// The POS sends canonical data already: <c>{"type": "sale.recorded", "timestamp": …, "data": {…}}</c> with the data of
/// sale.recorded, payment.captured or payment.refunded as docs/EVENTS.md describes it. The event id is the message's
/// <c>webhook-id</c>; a sale without a channel is a counter sale (pos).
/// </summary>
internal static class PosMap
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        EventTypes.SaleRecorded, EventTypes.PaymentCaptured, EventTypes.PaymentRefunded,
    };

    public static WebhookMapping Map(WebhookDelivery delivery)
    {
        if (delivery.Topic is null || !Types.Contains(delivery.Topic))
        {
            return new WebhookMapping.Ignored($"type '{delivery.Topic}' is not one the POS connector acts on");
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(delivery.Body.Span);
        }
        catch (JsonException)
        {
            return WebhookMapping.Fail("body", "is not JSON");
        }

        if (body?["data"] is not JsonObject data)
        {
            return WebhookMapping.Fail("data", "must be an object with the event's data");
        }

        if (delivery.Topic == EventTypes.SaleRecorded && data["channel"] is null)
        {
            data["channel"] = "pos";
        }

        var subject = (data["orderId"] ?? data["billNumber"] ?? data["paymentId"]) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var element = JsonSerializer.SerializeToElement(data);
        return new WebhookMapping.Mapped([new CloudEvent
        {
            Id = delivery.DeliveryId,
            Source = $"/connectors/{PosConnector.Id}",
            Type = delivery.Topic,
            Subject = subject,
            Time = delivery.ReceivedAt,
            Data = element,
        }]);
    }
}
