using System.Text.Json;

namespace JewelHub.Connectors;

/// <summary>
/// A gateway payment names the shop order it pays in free-form key/values (Razorpay <c>notes</c>, Stripe
/// <c>metadata</c>). These keys give the hub order id the waiting sale correlates on: <c>order_id</c> as it is, or a web
/// shop's own order id, which becomes the id the shop's connector gives that order.
/// </summary>
internal static class PaymentReferences
{
    private static readonly (string Key, string Prefix)[] Keys =
    [
        ("order_id", ""),
        ("shopify_order_id", "shopify-"),
        ("woocommerce_order_id", "woocommerce-"),
    ];

    /// <summary>The hub order id named in <paramref name="values"/>, or null.</summary>
    public static string? OrderId(JsonElement values)
    {
        if (values.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (key, prefix) in Keys)
        {
            if (values.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && (value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()) is { Length: > 0 } text)
            {
                return prefix + text.Trim();
            }
        }

        return null;
    }
}
