using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace JewelHub.Mappings.Tests;

/// <summary>Normalised JSON comparison: key order is ignored and numbers compare by value (12.5 equals 12.500).</summary>
internal static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual, string context) =>
        Assert.True(Same(expected, actual), $"{context}{Environment.NewLine}expected: {Show(expected)}{Environment.NewLine}actual:   {Show(actual)}");

    private static bool Same(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(p => a.ContainsKey(p.Key) && Same(p.Value, a[p.Key])),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second)),
        (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number =>
            decimal.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        (JsonValue e, JsonValue a) => e.ToJsonString() == a.ToJsonString(),
        _ => false,
    };

    private static string Show(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
