using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Webhooks.WebhookSender;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

public sealed class WebhookInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_SameDeliveryThreeTimes_OneRowOneEvent(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);
        var body = ShopifyOrders.Order(5820005810478);

        var answers = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var response = await sender.ShopifyAsync("orders/create", "wh-1", body, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
        }

        Assert.Equal([false, true, true], answers.Select(a => a.GetProperty("duplicate").GetBoolean()));
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-1", Ct) == InboxStatus.Processed, "the delivery is processed", Ct);
        Assert.Equal(1, await sender.InboxCountAsync("shopify", Ct));
        var sale = Assert.Single(await sender.EventsAsync("shopify", Ct));
        Assert.Equal(("sale.recorded", "order-5820005810478", "shopify-5820005810478"), (sale.Type, sale.Id, sale.Subject));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_FiftyConcurrentRepeats_AllAcknowledgedOneRowOneEvent(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);
        var body = ShopifyOrders.Order(77);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => sender.ShopifyAsync("orders/create", "wh-burst", body, Ct)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var duplicates = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("duplicate").GetBoolean()));
        Assert.Equal(49, duplicates.Count(d => d));
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-burst", Ct) == InboxStatus.Processed, "the delivery is processed", Ct);
        Assert.Equal(1, await sender.InboxCountAsync("shopify", Ct));
        Assert.Single(await sender.EventsAsync("shopify", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_ConcurrentDeliveriesWithRepeats_EachStoredOnceAndAnsweredNewOnce(DatabaseProvider provider)
    {
        // Arrange: one delivery stored before; then 20 deliveries, that one among them, each sent three times at once,
        // so groups hold new deliveries, repeats of each other and a repeat of a stored row together.
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);
        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("orders/create", "wh-mix-0", ShopifyOrders.Order(300), Ct)).StatusCode);
        var sends = Enumerable.Range(0, 20).SelectMany(n => Enumerable.Repeat(n, 3)).OrderBy(n => (n * 7919) % 23).ToList();

        // Act
        var responses = await Task.WhenAll(sends.Select(n => sender.ShopifyAsync("orders/create", $"wh-mix-{n}", ShopifyOrders.Order(300 + n), Ct)));

        // Assert
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var answers = await Task.WhenAll(responses.Select(async r => await r.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var newPerId = answers.Where(a => !a.GetProperty("duplicate").GetBoolean()).GroupBy(a => a.GetProperty("deliveryId").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(Enumerable.Range(1, 19).Select(n => $"wh-mix-{n}").Order(), newPerId.Keys.Order());
        Assert.All(newPerId.Values, count => Assert.Equal(1, count));
        Assert.Equal(20, await sender.InboxCountAsync("shopify", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_SignatureNotVerified_401CountedNothingStored(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);
        var rejected = 0L;
        using var listener = CountRejections(hub.Services.GetRequiredService<IMeterFactory>(), value => Interlocked.Add(ref rejected, value));
        var body = ShopifyOrders.Order(1);
        var now = TimeProvider.System.GetUtcNow();
        var stripeBody = """{"id":"evt_1","type":"payment_intent.succeeded"}""";

        HttpResponseMessage[] responses =
        [
            await sender.PostAsync("shopify", body + " ", Ct, ("X-Shopify-Hmac-SHA256", Base64Hmac(ShopifySecret, body)), ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "t-1")),
            await sender.ShopifyAsync("orders/create", "t-2", body, Ct, secret: "another-secret"),
            await sender.PostAsync("shopify", body, Ct, ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "t-3")),
            await sender.StripeAsync(stripeBody, now.AddSeconds(-301), Ct),
            await sender.PostAsync("razorpay", "{}", Ct, ("X-Razorpay-Event-Id", "e-1")),
        ];

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(ShopifySecret, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(5, Interlocked.Read(ref rejected));
        Assert.Equal((0, 0, 0), (await sender.InboxCountAsync("shopify", Ct), await sender.InboxCountAsync("stripe", Ct), await sender.InboxCountAsync("razorpay", Ct)));
        Assert.Equal(HttpStatusCode.OK, (await sender.StripeAsync(stripeBody, now.AddSeconds(-10), Ct)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_AdminKeyWithoutSignature_401(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());

        var response = await hub.Client.PostAsync("/webhooks/shopify", new StringContent(ShopifyOrders.Order(1)), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await new WebhookSender(hub).InboxCountAsync("shopify", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_UnknownDisabledOrTooLarge_404_503WithRetryAfter_413(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings(("Connectors:shopify:MaxBodyBytes", "2048")));
        var sender = new WebhookSender(hub);

        var unknown = await sender.PostAsync("ebay", "{}", Ct);
        var disabled = await sender.PostAsync("woocommerce", "{}", Ct);
        var large = await sender.ShopifyAsync("orders/create", "big", new string(' ', 2049), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, disabled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), disabled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(0, await sender.InboxCountAsync("shopify", Ct));
        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("orders/create", "small", new string(' ', 2048), Ct)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_TopicNotHandled_KeptAndMarkedIgnored(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);

        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("products/update", "p-1", "{\"id\":5}", Ct)).StatusCode);

        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "p-1", Ct) == InboxStatus.Ignored, "the delivery is ignored", Ct);
        Assert.Empty(await sender.EventsAsync("shopify", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Start_SquareEnabledWithoutNotificationUrl_RefusedNamingTheSetting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider, Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => HubServer.StartAsync(database, Ct, new Dictionary<string, string?>
        {
            ["Connectors:square:Enabled"] = "true",
            ["Connectors:square:Secrets:0:Value"] = "sq-key",
        }));

        Assert.Contains("Connectors:square:NotificationUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sq-key", error.Message, StringComparison.Ordinal);
    }

    // Only this hub's meter: other tests' hubs run in the same process.
    private static MeterListener CountRejections(IMeterFactory hubMeters, Action<long> add)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WebhookMetrics.MeterName && instrument.Meter.Scope == hubMeters && instrument.Name == "jewelhub.webhooks.rejected")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => add(value));
        listener.Start();
        return listener;
    }
}
