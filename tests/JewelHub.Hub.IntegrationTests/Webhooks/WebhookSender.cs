using System.Security.Cryptography;
using System.Text;
using Dapper;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

/// <summary>Signs and posts deliveries the way the vendors do, and reads what the hub made of them.</summary>
public sealed class WebhookSender(HubServer hub)
{
    public const string ShopifySecret = "shpss_integration_secret";
    public const string RazorpaySecret = "rzp_integration_secret";
    public const string StripeSecret = "whsec_stripe_integration";

    /// <summary>Settings that enable Shopify, Razorpay and Stripe with test secrets and fast retries.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connectors:shopify:Enabled"] = "true",
            ["Connectors:shopify:Secrets:0:Value"] = ShopifySecret,
            ["Connectors:razorpay:Enabled"] = "true",
            ["Connectors:razorpay:Secrets:0:Value"] = RazorpaySecret,
            ["Connectors:stripe:Enabled"] = "true",
            ["Connectors:stripe:Secrets:0:Value"] = StripeSecret,
            ["Webhooks:MaxAttempts"] = "2",
            ["Webhooks:FirstRetryDelay"] = "00:00:00.020",
            ["Webhooks:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private readonly HttpClient _client = hub.CreateClient(withAdminKey: false);

    public static string Base64Hmac(string secret, string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public static string HexHmac(string secret, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    public Task<HttpResponseMessage> ShopifyAsync(string topic, string webhookId, string body, CancellationToken cancellationToken, string secret = ShopifySecret) =>
        PostAsync("shopify", body, cancellationToken,
            ("X-Shopify-Hmac-SHA256", Base64Hmac(secret, body)), ("X-Shopify-Topic", topic), ("X-Shopify-Webhook-Id", webhookId));

    public Task<HttpResponseMessage> RazorpayAsync(string eventId, string body, CancellationToken cancellationToken) =>
        PostAsync("razorpay", body, cancellationToken, ("X-Razorpay-Signature", HexHmac(RazorpaySecret, body)), ("X-Razorpay-Event-Id", eventId));

    public Task<HttpResponseMessage> StripeAsync(string body, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var t = signedAt.ToUnixTimeSeconds();
        return PostAsync("stripe", body, cancellationToken, ("Stripe-Signature", $"t={t},v1={HexHmac(StripeSecret, $"{t}.{body}")}"));
    }

    public async Task<HttpResponseMessage> PostAsync(string connector, string body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{connector}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>How many inbox rows the connector has.</summary>
    public async Task<int> InboxCountAsync(string connector, CancellationToken cancellationToken)
    {
        var db = hub.Services.GetRequiredService<Database>();
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_inbox WHERE connector = @Connector", new { Connector = connector }, cancellationToken: cancellationToken));
    }

    /// <summary>The status of a connector's delivery in the inbox.</summary>
    public async Task<string?> StatusAsync(string connector, string deliveryId, CancellationToken cancellationToken)
    {
        var db = hub.Services.GetRequiredService<Database>();
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM webhook_inbox WHERE connector = @Connector AND delivery_id = @DeliveryId",
            new { Connector = connector, DeliveryId = deliveryId }, cancellationToken: cancellationToken));
    }

    /// <summary>The events in the log from the connector.</summary>
    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string connector, CancellationToken cancellationToken) =>
        (await hub.Services.GetRequiredService<EventStore>().ReadAfterAsync(0, 1000, cancellationToken))
            .Where(e => e.Source == $"/connectors/{connector}").ToList();

    /// <summary>Waits until the condition holds (checked every 20 ms, for at most 30 seconds).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (!await condition())
        {
            Xunit.Assert.True(Environment.TickCount64 < deadline, $"timed out waiting until {what}");
            await Task.Delay(20, cancellationToken);
        }
    }
}
