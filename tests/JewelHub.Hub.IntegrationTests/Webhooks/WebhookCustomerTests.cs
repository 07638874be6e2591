using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Webhooks.WebhookSender;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

/// <summary>A web shop's customer webhooks, over real HTTP, kept in the CRM under the shop's customer id.</summary>
public sealed class WebhookCustomerTests
{
    private const long ShopifyCustomerId = 706405506930370084;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_ShopifyCustomerCreatedUpdatedRepeated_OneCustomerChangedOnce(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, Settings());
        var sender = new WebhookSender(hub);
        var created = Customer("2026-12-08T09:10:05+05:30", phone: null, sms: "not_subscribed");
        var updated = Customer("2026-12-08T11:00:00+05:30", phone: "+919876501234", sms: "subscribed");

        // Arrange, Act: created, then updated with a phone and SMS consent, then the update again under a new webhook id.
        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("customers/create", "wh-c-1", created, Ct)).StatusCode);
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-c-1", Ct) == InboxStatus.Processed, "the create is processed", Ct);
        var first = await FindAsync(hub, Ct);
        Assert.Equal(("Meera Iyer", "meera.iyer@example.com", null, false, true), (Text(first, "name"), Text(first, "email"), Text(first, "phone"), Flag(first, "smsOptIn"), Flag(first, "emailOptIn")));

        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("customers/update", "wh-c-2", updated, Ct)).StatusCode);
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-c-2", Ct) == InboxStatus.Processed, "the update is processed", Ct);
        var second = await FindAsync(hub, Ct);

        Assert.Equal(HttpStatusCode.OK, (await sender.ShopifyAsync("customers/update", "wh-c-3", updated, Ct)).StatusCode);
        await WaitUntilAsync(async () => await sender.StatusAsync("shopify", "wh-c-3", Ct) == InboxStatus.Processed, "the repeat is processed", Ct);
        var third = await FindAsync(hub, Ct);

        // Assert
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal(("+919876501234", true, true), (Text(second, "phone"), Flag(second, "smsOptIn"), Flag(second, "emailOptIn")));
        Assert.Equal(second.GetRawText(), third.GetRawText());
        Assert.Equal(1, await CountAsync(hub, "SELECT COUNT(*) FROM customers", Ct));
        var announced = (await sender.EventsAsync("shopify", Ct)).Where(e => e.Type == "customer.upserted").ToList();
        Assert.Equal(["created", "updated"], announced.Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("data").GetProperty("outcome").GetString()));
        Assert.All(announced, e => Assert.Equal(first.GetProperty("id").GetGuid().ToString(), e.Subject));
    }

    private static string Customer(string updatedAt, string? phone, string sms) => $$"""
        {"id":{{ShopifyCustomerId}},"email":"meera.iyer@example.com","created_at":"2026-12-08T09:10:00+05:30","updated_at":"{{updatedAt}}",
         "first_name":"Meera","last_name":"Iyer","state":"enabled","phone":{{(phone is null ? "null" : $"\"{phone}\"")}},
         "email_marketing_consent":{"state":"subscribed","opt_in_level":"single_opt_in"},
         "sms_marketing_consent":{"state":"{{sms}}","opt_in_level":"single_opt_in"},"default_address":null}
        """;

    private static async Task<JsonElement> FindAsync(HubServer hub, CancellationToken ct)
    {
        var response = await hub.Client.GetAsync($"/api/customers?system=shopify&externalId={ShopifyCustomerId}", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static string? Text(JsonElement customer, string name) => customer.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static bool Flag(JsonElement customer, string name) => customer.GetProperty(name).GetBoolean();

    private static async Task<int> CountAsync(HubServer hub, string sql, CancellationToken ct)
    {
        var db = hub.Services.GetRequiredService<Database>();
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, cancellationToken: ct));
    }
}
