using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Hub.IntegrationTests.Finance;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Crm;

/// <summary>Customer names, references, preferences and consent sources are held to the limits in Bounds.</summary>
public sealed class CustomerBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Huge = new('A', 100_000);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HugeTexts_400NamingFieldAndNothingWritten(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var api = new FinanceApi(hub);
        var created = await hub.Client.PostAsJsonAsync("/api/customers", new { name = "Asha Rao", phone = "+919876543210" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var before = await RowsAsync(api);

        (object Body, string Field)[] refused =
        [
            (new { name = Huge, phone = "+919876543211" }, "name"),
            (new { name = "Ravi", phone = "+919876543211", source = Huge }, "source"),
            (new { name = "Ravi", references = new[] { new { system = "pos", externalId = Huge } } }, "references[0].externalId"),
            (new { name = "Ravi", references = new[] { new { system = Huge, externalId = "C-1" } } }, "references[0].system"),
            (new { name = "Ravi", phone = "+919876543211", preferences = new Dictionary<string, string> { ["ring-size"] = Huge } }, "preferences.ring-size"),
        ];
        foreach (var (body, field) in refused)
        {
            var response = await hub.Client.PostAsJsonAsync("/api/customers", body, Ct);
            await FinanceApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, $"POST /api/customers naming {field}");
        }

        var consent = await hub.Client.PutAsJsonAsync($"/api/customers/{id}/consent", new { smsOptIn = true, source = Huge }, Ct);
        await FinanceApi.AssertProblemAsync(consent, HttpStatusCode.BadRequest, "source", "PUT consent with a 100 kB source");
        Assert.Equal(before, await RowsAsync(api));
    }

    private static async Task<string> RowsAsync(FinanceApi api)
    {
        var counts = new List<string>();
        foreach (var table in new[] { "customers", "customer_refs", "preferences", "consent_changes", "events" })
        {
            counts.Add($"{table}={await api.CountAsync(table)}");
        }

        return string.Join(' ', counts);
    }
}
