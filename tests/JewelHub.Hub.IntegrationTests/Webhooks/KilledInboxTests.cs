using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using JewelHub.Hub.Webhooks;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Webhooks.WebhookSender;

namespace JewelHub.Hub.IntegrationTests.Webhooks;

/// <summary>
/// The hub runs as its own process and is SIGKILLed while 200 signed Razorpay deliveries are being posted and mapped.
/// After a restart on the same database the sender posts again every delivery it saw no 200 for, as Razorpay would.
/// </summary>
public sealed class KilledInboxTests
{
    private const int Deliveries = 200;
    private const int KillAfterAcknowledged = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Receive_HubKilledMidway_EveryAcknowledgedDeliveryHasOneRowAndOneEvent(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateEmptyAsync(provider, Ct);
        var settings = Settings(("Auth:BootstrapAdminKey", HubServer.AdminKey), ("Logging:LogLevel:Default", "Warning"));
        foreach (var (key, value) in database.HubSettings)
        {
            settings[key] = value;
        }

        await using var hub = new HubProcess(Path.Combine(AppContext.BaseDirectory, "jewelhub.dll"), settings);
        await hub.StartAsync(Ct);
        var acknowledged = new bool[Deliveries];
        var acknowledgedCount = 0;
        var acknowledgedAtKill = -1;
        var killed = new object();

        // Act: the hub is killed the moment the 60th delivery is acknowledged, with others in flight or not yet sent.
        await Parallel.ForEachAsync(Enumerable.Range(0, Deliveries), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            if (!await TryPostAsync(hub.Client, i, ct))
            {
                return;
            }

            lock (killed)
            {
                acknowledged[i] = true;
                if (++acknowledgedCount == KillAfterAcknowledged)
                {
                    hub.Kill();
                    acknowledgedAtKill = acknowledgedCount;
                }
            }
        });

        var lostWithKill = acknowledged.Count(a => !a);
        await hub.StartAsync(Ct);
        foreach (var i in Enumerable.Range(0, Deliveries).Where(i => !acknowledged[i]))
        {
            Assert.True(await TryPostAsync(hub.Client, i, Ct), $"delivery {i} was not acknowledged after the restart");
        }

        await WaitUntilAsync(async () => await PendingAsync(database.Database) == 0, "the inbox is drained", Ct);

        // Assert
        Assert.Equal(KillAfterAcknowledged, acknowledgedAtKill);
        Assert.InRange(lostWithKill, 1, Deliveries - KillAfterAcknowledged);
        await using var connection = await database.Database.OpenAsync(Ct);
        var rows = (await connection.QueryAsync<(string DeliveryId, string Status)>(new CommandDefinition(
            "SELECT delivery_id, status FROM webhook_inbox WHERE connector = 'razorpay'", cancellationToken: Ct))).ToList();
        var events = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM events WHERE source = '/connectors/razorpay'", cancellationToken: Ct))).ToList();
        Assert.Equal(Enumerable.Range(0, Deliveries).Select(i => ($"rzp-kill-{i:000}", InboxStatus.Processed)), rows.OrderBy(r => r.DeliveryId, StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, Deliveries).Select(i => $"payment-pay_kill{i:000}"), events.Order(StringComparer.Ordinal));
    }

    // Posts delivery i signed as Razorpay does; true when the hub answered 200 (stored, or stored before).
    private static async Task<bool> TryPostAsync(HttpClient client, int i, CancellationToken cancellationToken)
    {
        var body = """{"event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_killNNN","amount":100NNN,"currency":"INR","notes":{"order_id":"SO-KNNN"}}}}}"""
            .Replace("NNN", i.ToString("000", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/razorpay") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Razorpay-Signature", HexHmac(RazorpaySecret, body));
        request.Headers.Add("X-Razorpay-Event-Id", $"rzp-kill-{i:000}");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, reset or timed out: not acknowledged, so the vendor sends it again.
            return false;
        }
    }

    private static async Task<int> PendingAsync(Database db)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'", cancellationToken: Ct));
    }
}
