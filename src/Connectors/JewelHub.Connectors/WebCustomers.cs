using System.Globalization;

namespace JewelHub.Connectors;

/// <summary>
/// Turns a vendor's customer record into a customer report: the vendor's id becomes the reference later reports
/// match on, phone and e-mail are kept only when valid, and the event id derives from the id and the time of the change
/// (else the delivery id), so a repeated or replayed report publishes nothing new.
/// </summary>
internal static class WebCustomers
{
    public static WebhookMapping Reported(
        string connectorId, string? customerId, string? name, string? phone, string? email, bool? smsOptIn, bool? emailOptIn,
        DateTimeOffset? updatedAt, WebhookDelivery delivery, string idField)
    {
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Trim() == "0")
        {
            return WebhookMapping.Fail(idField, "must name the customer's id");
        }

        var id = customerId.Trim();
        if (WebOrders.Customer(name, phone, email, connectorId, null) is not { } known)
        {
            return new WebhookMapping.Ignored($"customer {id} has neither a name, a valid phone nor a valid e-mail");
        }

        var change = updatedAt is { } at ? at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : delivery.DeliveryId;
        var customer = new ReportedCustomer
        {
            Name = known.Name,
            Phone = known.Phone,
            Email = known.Email,
            SmsOptIn = smsOptIn,
            EmailOptIn = emailOptIn,
            References = [new(connectorId, id)],
        };
        return new WebhookMapping.CustomerReported($"customer-{id}-{change}", customer, updatedAt ?? delivery.ReceivedAt);
    }
}
