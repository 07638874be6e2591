using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Events;
using Xunit;

namespace JewelHub.Connectors.Tests.Support;

/// <summary>
/// Golden files: <c>&lt;Vendor&gt;/Fixtures/&lt;name&gt;.json</c> is a payload as the vendor sends it and
/// <c>&lt;name&gt;.expected.json</c> the canonical events it becomes (compared as JSON, ignoring formatting).
/// </summary>
public static class Golden
{
    public static byte[] Payload(string vendor, string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, vendor, "Fixtures", name + ".json"));

    public static WebhookDelivery Delivery(string connectorId, string vendor, string name, string? topic, string deliveryId = "delivery-1") =>
        new(connectorId, deliveryId, topic, Payload(vendor, name), new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Asserts the mapping produced exactly the expected events, and that each passes the events API's data check.</summary>
    public static void AssertEvents(WebhookMapping mapping, string vendor, string name)
    {
        var mapped = Assert.IsType<WebhookMapping.Mapped>(mapping);
        foreach (var cloudEvent in mapped.Events)
        {
            Assert.Empty(EventDataCheck.Check(cloudEvent.Type, cloudEvent.Data, new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero)));
        }

        var actual = JsonNode.Parse(JsonSerializer.Serialize(mapped.Events));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, vendor, "Fixtures", name + ".expected.json"), Encoding.UTF8));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");
    }

    /// <summary>Asserts the mapping reported exactly the expected customer (event id, time and the customer).</summary>
    public static void AssertCustomer(WebhookMapping mapping, string vendor, string name)
    {
        var reported = Assert.IsType<WebhookMapping.CustomerReported>(mapping);
        var actual = JsonNode.Parse(JsonSerializer.Serialize(new { reported.EventId, reported.Time, reported.Customer }, EventJson.Options));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, vendor, "Fixtures", name + ".expected.json"), Encoding.UTF8));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");
    }
}
