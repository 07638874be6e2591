using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Events;

public sealed class EventEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SameEventTwice_StoredOnce(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var cloudEvent = new
        {
            specversion = "1.0",
            id = "pos-7781",
            source = "/pos/mumbai-1",
            type = "sale.recorded",
            subject = "SO-1001",
            data = new { orderId = "SO-1001", branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = "RING-1", quantity = 1 } } },
        };

        var first = await hub.Client.PostAsJsonAsync("/api/events", cloudEvent, Ct);
        var second = await hub.Client.PostAsJsonAsync("/api/events", cloudEvent, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var repeat = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(repeat.GetProperty("duplicate").GetBoolean());
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        var rows = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events WHERE source = '/pos/mumbai-1' AND id = 'pos-7781'");
        Assert.Equal(1, rows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, """{"specversion":"1.0","source":"/pos","type":"sale.recorded"}""", "id")]
    [InlineData(DatabaseProvider.Sqlite, """{"specversion":"1.0","id":"1","source":"/pos","type":"sale.made"}""", "type")]
    [InlineData(DatabaseProvider.Sqlite, """{"specversion":"0.3","id":"1","source":"/pos","type":"sale.recorded"}""", "specversion")]
    [InlineData(DatabaseProvider.Sqlite, """{"specversion":"1.0","id":"1","source":"/pos","type":"sale.recorded",""", "body")]
    [InlineData(DatabaseProvider.Postgres, """{"specversion":"1.0","id":"1","type":"sale.recorded"}""", "source")]
    [InlineData(DatabaseProvider.Postgres, """{"specversion":"1.0","id":17,"source":"/pos","type":"sale.recorded"}""", "id")]
    public async Task Post_BadEvent_ProblemNamesFieldAndStoresNothing(DatabaseProvider provider, string body, string field)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        var response = await hub.Client.PostAsync("/api/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Post_WithoutKey_Unauthorized()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var anonymous = hub.CreateClient(withAdminKey: false);
        using var wrongKey = hub.CreateClient(new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", "not-the-key"));

        var none = await anonymous.GetAsync("/api/events", Ct);
        var wrong = await wrongKey.GetAsync("/api/events", Ct);
        var live = await anonymous.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
