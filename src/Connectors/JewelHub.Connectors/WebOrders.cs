using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Mappings;

namespace JewelHub.Connectors;

/// <summary>One line of a web shop's order as the shop sent it, with the vendor's field path for errors.</summary>
internal sealed record WebOrderLine(string Field, string? Sku, int Quantity);

/// <summary>What the shop says was paid at checkout: the order's total, in major units, and when.</summary>
internal sealed record WebOrderPayment(decimal Amount, DateTimeOffset? PaidAt);

/// <summary>
/// Turns a web shop's order into sale.recorded (channel web): lines by SKU (the same SKU on two lines is one line),
/// the place of supply from the shipping state, else the billing state, else the connector's setting, and the buyer when
/// there is one. A guest order names no shop customer and is recorded all the same. An order the shop says was paid at
/// checkout is followed by payment.captured for its total, so it is billed and paid in one go without a gateway's
/// webhook; both events' ids are the shop's order id, so every topic and replay that brings the order repeats them.
/// </summary>
internal static class WebOrders
{
    public static WebhookMapping Sale(
        string connectorId, long orderId, string? shippingState, string? billingState, string stateField,
        IReadOnlyList<WebOrderLine> lines, SaleCustomerData? customer, string? currency, DateTimeOffset? time,
        WebOrderPayment? paid, WebhookConnectorOptions options)
    {
        var errors = new List<MapError>();
        var place = Known(shippingState) ?? Known(billingState) ?? options.PlaceOfSupply;
        if (place is null)
        {
            errors.Add(new MapError(stateField, $"names no Indian state and {WebhookConnectorOptions.SectionOf(connectorId)}:PlaceOfSupply is not set", "placeOfSupply"));
        }

        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line.Sku))
            {
                errors.Add(new MapError(line.Field + ".sku", "is required: every product sold through the hub has a SKU", "lines.sku"));
                continue;
            }

            merged[line.Sku.Trim()] = merged.GetValueOrDefault(line.Sku.Trim()) + line.Quantity;
        }

        if (lines.Count == 0)
        {
            errors.Add(new MapError("line_items", "is empty: an order sells at least one line", "lines"));
        }

        if (errors.Count > 0)
        {
            return new WebhookMapping.Failed(errors);
        }

        var hubOrderId = $"{connectorId}-{orderId}";
        var orderCurrency = string.IsNullOrWhiteSpace(currency) ? "INR" : currency.ToUpperInvariant();
        var sale = new SaleRecordedData
        {
            OrderId = hubOrderId,
            Branch = options.Branch,
            PlaceOfSupply = place!,
            Channel = "web",
            Customer = customer,
            Lines = merged.Select(line => new SaleLineData { Sku = line.Key, Quantity = line.Value }).ToList(),
            Currency = orderCurrency,
        };
        // One event per shop order, whichever topic brought it (created, paid): the id is the shop's order id.
        var recorded = CanonicalEvents.Create(connectorId, $"order-{orderId}", EventTypes.SaleRecorded, hubOrderId, sale, time);
        if (paid is null)
        {
            return new WebhookMapping.Mapped([recorded]);
        }

        var orderText = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var payment = new PaymentCapturedData
        {
            PaymentId = $"{connectorId}-order-{orderText}",
            OrderId = hubOrderId,
            Amount = paid.Amount,
            Currency = orderCurrency,
            Method = connectorId,
            ProviderReference = orderText,
            CapturedAt = paid.PaidAt,
        };
        return new WebhookMapping.Mapped([recorded, CanonicalEvents.Create(connectorId, $"order-{orderId}-paid", EventTypes.PaymentCaptured, hubOrderId, payment, paid.PaidAt ?? time)]);
    }

    /// <summary>The order's total as the shop wrote it (a decimal string), or a failure naming <paramref name="field"/>.</summary>
    public static bool TryTotal(string? total, string field, out decimal amount, out WebhookMapping.Failed? failure)
    {
        failure = null;
        if (decimal.TryParse(total, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out amount) && amount > 0)
        {
            return true;
        }

        failure = WebhookMapping.Fail(field, "must be the amount paid, a decimal such as \"143170.00\", for an order paid at checkout");
        return false;
    }

    /// <summary>The buyer, with phone and e-mail kept only when they are valid; null when nothing names them.</summary>
    public static SaleCustomerData? Customer(string? name, string? phone, string? email, string connectorId, long? customerId)
    {
        var validPhone = PhoneNumber.TryParse(phone, "91", out var parsedPhone, out _) ? parsedPhone.Value : null;
        var validEmail = EmailAddress.TryParse(email, out var parsedEmail, out _) ? parsedEmail.Value : null;
        var displayName = string.IsNullOrWhiteSpace(name) ? validEmail ?? validPhone : name.Trim();
        if (displayName is null)
        {
            return null;
        }

        return new SaleCustomerData
        {
            Name = displayName,
            Phone = validPhone,
            Email = validEmail,
            References = customerId is > 0 ? [new ExternalReference(connectorId, customerId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [],
        };
    }

    private static string? Known(string? state) =>
        state?.Trim().ToUpperInvariant() is { } code && GstState.IsKnown(code) ? code : null;
}
