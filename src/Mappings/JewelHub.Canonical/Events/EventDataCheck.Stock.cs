using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Events;

/// <summary>The stock, rate and customer types' shapes.</summary>
public static partial class EventDataCheck
{
    private static void StockReceived(DataFields data)
    {
        data.Id("receiptId", required: true);
        data.Name("branch", required: true);
        data.Text("supplier", required: true);
        data.Id("supplierReference", required: false);
        data.Currency("currency", required: false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in data.Objects("lines", required: true))
        {
            if (line.Sku("sku", required: true) is { } sku && !seen.Add(sku))
            {
                line.Add("sku", "appears on an earlier line");
            }

            var kind = line.OneOf("kind", required: true, "piece", "item");
            line.Name("category", required: true);
            if (line.Int("quantity", required: true, 1, Bounds.MaxQuantity) is > 1 && kind == "piece")
            {
                line.Add("quantity", "must be 1 for a piece");
            }

            Fineness(line, line.Metal("metal", required: true));
            var gross = line.Grams("grossWeight", required: true, 0.001m);
            if (line.Grams("netWeight", required: true, 0.001m) > gross)
            {
                line.Add("netWeight", "must not be more than grossWeight");
            }

            if (line.Text("huid", required: false, Bounds.MaxNameLength) is { } huid && !Huid.TryParse(huid, out _, out var huidError))
            {
                line.Add("huid", huidError);
            }

            line.Money("cost", required: false, 0m);
        }
    }

    private static void StockAdjusted(DataFields data)
    {
        data.Id("adjustmentId", required: true);
        data.Name("branch", required: true);
        data.Sku("sku", required: true);
        data.Int("quantityDelta", required: true, -Bounds.MaxQuantity, Bounds.MaxQuantity);
        data.Grams("weightDelta", required: true, -Bounds.MaxGrams);
        data.Name("reason", required: true);
        data.Money("value", required: true, -Bounds.MaxAmount);
        data.Currency("currency", required: true);
        data.Text("note", required: false);
    }

    private static void StockHeld(DataFields data, bool released)
    {
        data.Id("orderId", required: true);
        data.Name("branch", required: true);
        OrderLines(data, "lines", withWeight: false);
        if (released)
        {
            data.Text("reason", required: true);
        }
        else
        {
            data.Time("expiresAt", required: true, businessTime: false);
        }
    }

    private static void StockSold(DataFields data)
    {
        data.Id("orderId", required: true);
        data.Id("billNumber", required: true);
        data.Name("branch", required: true);
        OrderLines(data, "lines", withWeight: true);
    }

    private static void StockLow(DataFields data)
    {
        data.Name("branch", required: true);
        data.Name("category", required: true);
        data.Sku("sku", required: false);
        data.Int("available", required: true, -Bounds.MaxOnHand, Bounds.MaxOnHand);
        data.Int("threshold", required: true, 0, Bounds.MaxOnHand);
    }

    private static void MetalRateUpdated(DataFields data)
    {
        Fineness(data, data.Metal("metal", required: true));
        data.Rate("pricePerGram", required: true);
        data.Currency("currency", required: true);
        data.Rate("previousPricePerGram", required: false);
        data.Name("source", required: true);
        data.Time("asOf", required: true);
    }

    private static void CustomerUpserted(DataFields data)
    {
        data.Uuid("customerId", required: true);
        data.OneOf("outcome", required: true, "created", "matched", "updated");
        data.Text("name", required: true);
        data.Text("phone", required: false, Bounds.MaxNameLength);
        data.Text("email", required: false, Bounds.MaxNameLength * 4);
        data.Date("birthday", required: false);
        data.Date("anniversary", required: false);
        data.Bool("smsOptIn", required: true);
        data.Bool("emailOptIn", required: true);
        References(data);
    }

    private static void OrderLines(DataFields data, string name, bool withWeight)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in data.Objects(name, required: true))
        {
            if (line.Sku("sku", required: true) is { } sku && !seen.Add(sku))
            {
                line.Add("sku", "appears on an earlier line; put the total quantity on one line");
            }

            line.Int("quantity", required: true, 1, Bounds.MaxQuantity);
            if (withWeight)
            {
                line.Grams("netWeight", required: true, 0m);
            }
        }
    }
}
