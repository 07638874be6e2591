using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Webhooks.WebhookSender;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

public sealed class DeadLetterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UnmappableDeliveries_DeadLetteredWithReason_AfterTheFix_BulkReplayProcessesEachOnce(DatabaseProvider provider)
    {
        // Arrange: orders naming no state, on a hub that has no place of supply to fall back on.
        await using var database = await TestDatabase.CreateEmptyAsync(provider, Ct);
        var hub = await HubServer.StartAsync(database, Ct, Settings());
        var sender = new WebhookSender(hub);
        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("orders/create", "wh-901", ShopifyOrders.OrderWithoutState(901), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("orders/create", "wh-902", ShopifyOrders.OrderWithoutState(902), Ct)).StatusCode);
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-902", Ct) == InboxStatus.Dead, "both are dead letters", Ct);

        // Act + Assert: operators find them by connector, reason and time, and read what was sent and why it failed.
        var letters = await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/webhooks/dead-letters?connector=shopify&reason=PlaceOfSupply", Ct);
        Assert.Equal(["wh-901", "wh-902"], letters!.Select(l => l.GetProperty("deliveryId").GetString()));
        Assert.All(letters!, l => Assert.Equal((2, "orders/create"), (l.GetProperty("attempts").GetInt32(), l.GetProperty("topic").GetString())));
        Assert.Contains("Connectors:shopify:PlaceOfSupply", letters![0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/webhooks/dead-letters?topic=orders/paid", Ct))!);
        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/webhooks/dead-letters?from=2100-01-01T00:00:00Z", Ct))!);
        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/webhooks/dead-letters?connector=razorpay", Ct))!);
        var one = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/deliveries/{letters![0].GetProperty("seq").GetInt64()}", Ct);
        Assert.Equal(ShopifyOrders.OrderWithoutState(901), one.GetProperty("body").GetString());
        Assert.Equal("wh-901", one.GetProperty("headers").GetProperty("X-Shopify-Webhook-Id").GetString());
        Assert.Empty(await sender.EventsAsync("shopify", Ct));

        // The fix: the hub is given a place of supply for orders that name none.
        await hub.StopAsync();
        hub = await HubServer.StartAsync(database, Ct, Settings(("Connectors:shopify:PlaceOfSupply", "MH")));
        sender = new WebhookSender(hub);
        try
        {
            var replay = await hub.Client.PostAsync("/api/webhooks/dead-letters/replay?connector=shopify", null, Ct);
            Assert.Equal(2, (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayed").GetInt32());
            await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-902", Ct) == InboxStatus.Processed, "the replays are processed", Ct);
            var again = await hub.Client.PostAsync("/api/webhooks/dead-letters/replay?connector=shopify", null, Ct);
            Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayed").GetInt32());
            Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.PostAsync($"/api/webhooks/dead-letters/{letters[0].GetProperty("seq").GetInt64()}/replay", null, Ct)).StatusCode);

            var sales = await sender.EventsAsync("shopify", Ct);
            Assert.Equal(["order-901", "order-902"], sales.Select(e => e.Id).Order());
            Assert.Empty((await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/webhooks/dead-letters", Ct))!);
            Assert.Equal(2, await sender.InboxCountAsync("shopify", Ct));
        }
        finally
        {
            await hub.StopAsync();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeadLetters_WithoutApiKey_401(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());

        var response = await hub.CreateClient(withAdminKey: false).GetAsync("/api/webhooks/dead-letters", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
