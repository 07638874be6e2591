using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Crm;

public sealed class CustomerEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Post_SamePersonFromTwoSystems_CreatedThenMatchedAndFoundByEveryKey(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var pos = new
        {
            name = "Meera Iyer",
            phone = "+91 98765 43210",
            birthday = "1990-05-14",
            smsOptIn = true,
            preferences = new { metal = "gold", ringSize = "14" },
            references = new[] { new { system = "pos", externalId = "C-00042" } },
        };
        var web = new { name = "Meera", phone = "098765-43210", email = "Meera@Example.com", references = new[] { new { system = "shopify", externalId = "8209" } } };

        var created = await hub.Client.PostAsJsonAsync("/api/customers", pos, Ct);
        var matched = await hub.Client.PostAsJsonAsync("/api/customers", web, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        Assert.Equal($"/api/customers/{id}", created.Headers.Location?.OriginalString);
        var second = await matched.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(id, second.GetProperty("id").GetString());
        Assert.Equal("Updated", second.GetProperty("outcome").GetString());

        var customer = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Ct);
        Assert.Equal("Meera Iyer", customer.GetProperty("name").GetString());
        Assert.Equal("+919876543210", customer.GetProperty("phone").GetString());
        Assert.Equal("meera@example.com", customer.GetProperty("email").GetString());
        Assert.Equal("1990-05-14", customer.GetProperty("birthday").GetString());
        Assert.Equal("14", customer.GetProperty("preferences").GetProperty("ringSize").GetString());
        Assert.Equal(2, customer.GetProperty("references").GetArrayLength());
        foreach (var query in new[] { "phone=9876543210", "phone=%2B91%2098765%2043210", "email=MEERA%40example.com", "system=shopify&externalId=8209" })
        {
            var found = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/customers?{query}", Ct);
            Assert.Equal(id, found.GetProperty("id").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/customers?phone=9000000000", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync($"/api/customers/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PurchasesAndConsent_KnownCustomer_HistoryAndAuditTrail(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var created = await hub.Client.PostAsJsonAsync("/api/customers", new { name = "Asha", phone = "9876500001", smsOptIn = true }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var crm = hub.Services.GetRequiredService<CrmStore>();
        await hub.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => crm.AppendPurchaseAsync(unit, id, "MUM/2026-27/000001", "SO-1", new Money(45230.5m, Currency.Inr), new DateTimeOffset(2026, 4, 2, 5, 0, 0, TimeSpan.Zero), ct), Ct);

        var purchases = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/purchases", Ct);
        var consent = await hub.Client.PutAsJsonAsync($"/api/customers/{id}/consent", new { smsOptIn = false, emailOptIn = true, source = "sms-stop" }, Ct);

        Assert.Equal("45230.50", purchases[0].GetProperty("amount").GetString());
        Assert.Equal("INR", purchases[0].GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var state = await consent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(state.GetProperty("smsOptIn").GetBoolean());
        Assert.Equal(
            ["Sms:True:api", "Sms:False:sms-stop", "Email:True:sms-stop"],
            state.GetProperty("history").EnumerateArray().Select(c => $"{c.GetProperty("channel").GetString()}:{c.GetProperty("optedIn").GetBoolean()}:{c.GetProperty("source").GetString()}"));
        Assert.False(await crm.CanContactAsync(id, ContactChannel.Sms, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync($"/api/customers/{Guid.NewGuid()}/purchases", Ct)).StatusCode);
        var unknown = await hub.Client.PutAsJsonAsync($"/api/customers/{Guid.NewGuid()}/consent", new { smsOptIn = true, source = "pos" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"12"}""", "phone")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","email":"not-an-email"}""", "email")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","references":[{"externalId":"C-1"}]}""", "references[0].system")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"9876543210","references":[{"system":"pos","externalId":"C-1"},null]}""", "references[1]")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"9876543210","birthday":"1990-13-45"}""", "birthday")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"9876543210","birthday":"2999-01-01"}""", "birthday")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"9876543210","smsOptIn":"yes"}""", "smsOptIn")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A","phone":"9876543210","preferences":{"ring size":"14"}}""", "preferences.ring size")]
    [InlineData(DatabaseProvider.Sqlite, """{"phone":"9876543210"}""", "name")]
    [InlineData(DatabaseProvider.Sqlite, """{"name":"A"}""", "phone")]
    [InlineData(DatabaseProvider.Postgres, """{"name":"A","phone":"9876543210",""", "body")]
    [InlineData(DatabaseProvider.Postgres, """{"name":"A","phone":"9876543210","references":[{"system":"pos"}]}""", "references[0].externalId")]
    public async Task Post_BadInput_ProblemNamesFieldAndWritesNothing(DatabaseProvider provider, string body, string field)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        var response = await hub.Client.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, field);
        await using var connection = await hub.Database.Database.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customer_refs"));
    }

    [Fact]
    public async Task LookupAndConsent_BadQueryOrBody_ProblemNamesField()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var created = await hub.Client.PostAsJsonAsync("/api/customers", new { name = "Asha", phone = "9876500001" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        await AssertProblemAsync(await hub.Client.GetAsync("/api/customers", Ct), "query");
        await AssertProblemAsync(await hub.Client.GetAsync("/api/customers?phone=abc", Ct), "phone");
        await AssertProblemAsync(await hub.Client.GetAsync("/api/customers?email=x", Ct), "email");
        await AssertProblemAsync(await hub.Client.GetAsync("/api/customers?system=pos", Ct), "externalId");
        await AssertProblemAsync(await hub.Client.PutAsJsonAsync($"/api/customers/{id}/consent", new { source = "pos" }, Ct), "smsOptIn");
        await AssertProblemAsync(await hub.Client.PutAsJsonAsync($"/api/customers/{id}/consent", new { smsOptIn = true }, Ct), "source");
        var consent = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/consent", Ct);
        Assert.Equal(0, consent.GetProperty("history").GetArrayLength());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {problem}");
    }
}
