using System.Text.Json;
using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Events;

/// <summary>
/// Checks the data of a canonical event against its type's shape in docs/EVENTS.md: present and an object, every
/// required field there, every value of the right kind and within <see cref="Bounds"/>, currencies and places of supply
/// known, finenesses a hallmark grade of their metal. The events API checks every event with it before storing it, and
/// so does anything else that lets events in, so a workflow only ever starts from data it can act on. A custom type
/// (not in <see cref="EventTypes"/>) is not checked: it has no declared shape.
/// </summary>
public static partial class EventDataCheck
{
    private const string Data = "data";

    /// <summary>
    /// Every problem with <paramref name="data"/> as the data of an event of type <paramref name="type"/>, each naming
    /// its field as the sender wrote it (<c>data.lines[0].quantity</c>); empty when the data is fine. Business times
    /// are checked against <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(string type, JsonElement? data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Rules.TryGetValue(type, out var rule))
        {
            return [];
        }

        if (data is not { ValueKind: JsonValueKind.Object } json)
        {
            return [new FieldError(Data, $"must be an object with the fields of a {type} event (see docs/EVENTS.md)")];
        }

        var errors = new List<FieldError>();
        rule(new DataFields(json, Data, errors, now));
        return errors;
    }

    private static readonly Dictionary<string, Action<DataFields>> Rules = new(StringComparer.Ordinal)
    {
        [EventTypes.SaleRecorded] = SaleRecorded,
        [EventTypes.BillIssued] = BillIssued,
        [EventTypes.BillVoided] = BillVoided,
        [EventTypes.PaymentCaptured] = data => Payment(data, failed: false),
        [EventTypes.PaymentFailed] = data => Payment(data, failed: true),
        [EventTypes.PaymentRefunded] = PaymentRefunded,
        [EventTypes.StockReceived] = StockReceived,
        [EventTypes.StockAdjusted] = StockAdjusted,
        [EventTypes.StockReserved] = data => StockHeld(data, released: false),
        [EventTypes.StockReleased] = data => StockHeld(data, released: true),
        [EventTypes.StockSold] = StockSold,
        [EventTypes.StockLow] = StockLow,
        [EventTypes.MetalRateUpdated] = MetalRateUpdated,
        [EventTypes.CustomerUpserted] = CustomerUpserted,
    };

    private static void SaleRecorded(DataFields data)
    {
        data.Code("orderId", required: true);
        data.Code("branch", required: true);
        data.State("placeOfSupply", required: true);
        data.OneOf("channel", required: false, "pos", "web", "phone");
        data.Int("holdMinutes", required: false, 1, 10_080);
        data.Currency("currency", required: false);
        if (data.Object("customer", required: false) is { } customer)
        {
            customer.Text("name", required: true);
            if (customer.Text("phone", required: false, Bounds.MaxNameLength) is { } phone && !PhoneNumber.TryParse(phone, "91", out _, out var phoneError))
            {
                customer.Add("phone", phoneError);
            }

            if (customer.Text("email", required: false, Bounds.MaxNameLength * 4) is { } email && !EmailAddress.TryParse(email, out _, out var emailError))
            {
                customer.Add("email", emailError);
            }

            References(customer);
        }

        OrderLines(data, "lines", withWeight: false);
    }

    private static void BillIssued(DataFields data)
    {
        data.Id("billNumber", required: true);
        data.Name("series", required: true);
        data.Name("financialYear", required: true);
        data.Id("orderId", required: true);
        data.Uuid("customerId", required: false);
        data.Name("branch", required: true);
        data.State("placeOfSupply", required: false);
        data.Currency("currency", required: true);
        foreach (var line in data.Objects("lines", required: true))
        {
            line.Sku("sku", required: true);
            line.Text("description", required: true, allowBlank: true);
            line.Name("hsn", required: true);
            var metal = line.Metal("metal", required: true);
            Fineness(line, metal);
            line.Int("quantity", required: true, 1, Bounds.MaxQuantity);
            line.Grams("netWeight", required: true, 0m);
            line.Rate("ratePerGram", required: true);
            line.Name("rateSource", required: true);
            line.Time("rateAsOf", required: true);
            Amounts(line, "metalValue", "wastageValue", "makingCharge", "stoneValue", "otherCharges", "taxable", "cgst", "sgst", "igst", "total");
        }

        Amounts(data, "taxable", "cgst", "sgst", "igst", "total");
        data.Time("issuedAt", required: true);
    }

    private static void BillVoided(DataFields data)
    {
        data.Id("billNumber", required: true);
        data.Id("orderId", required: true);
        data.Text("reason", required: true);
        data.Name("voidedBy", required: false);
        data.Time("voidedAt", required: true);
    }

    private static void Payment(DataFields data, bool failed)
    {
        data.Id("paymentId", required: true);
        BillOrOrder(data);
        data.Money("amount", required: true, 0.01m);
        data.Currency("currency", required: true);
        data.Name("method", required: true);
        data.Id("providerReference", required: false);
        if (failed)
        {
            data.Name("reasonCode", required: true);
            data.Text("message", required: false);
        }
        else
        {
            data.Time("capturedAt", required: false);
        }
    }

    private static void PaymentRefunded(DataFields data)
    {
        data.Id("refundId", required: true);
        data.Id("paymentId", required: true);
        data.Id("billNumber", required: false);
        data.Money("amount", required: true, 0.01m);
        data.Currency("currency", required: true);
        data.Name("method", required: true);
        data.Id("providerReference", required: false);
        data.Text("reason", required: false);
    }

    private static void BillOrOrder(DataFields data)
    {
        var bill = data.Id("billNumber", required: false);
        var order = data.Id("orderId", required: false);
        if (bill is null && order is null && !data.Has("billNumber") && !data.Has("orderId"))
        {
            data.Add("billNumber", "is required when orderId is not given");
        }
    }

    private static void References(DataFields owner)
    {
        foreach (var reference in owner.Objects("references", required: false, min: 0))
        {
            reference.Name("system", required: true);
            reference.Id("externalId", required: true);
        }
    }

    private static void Fineness(DataFields line, Metal? metal)
    {
        var fineness = line.Int("fineness", required: true, 1, 999);
        if (metal is { } known && fineness is { } grade && !Values.Fineness.TryCreate(known, grade, out _, out var error))
        {
            line.Add("fineness", error);
        }
    }

    private static void Amounts(DataFields data, params string[] names)
    {
        foreach (var name in names)
        {
            data.Money(name, required: true, 0m);
        }
    }
}
