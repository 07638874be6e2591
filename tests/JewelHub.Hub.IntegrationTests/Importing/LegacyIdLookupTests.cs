using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>An imported customer is found by its legacy id as the old system printed it as well as in its stored form.</summary>
public sealed class LegacyIdLookupTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lookup_LegacyIdAsPrintedOrStored_FindsTheSameCustomer(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await Samples.Runner(hub).RunAsync(Samples.Customers, null, ct);

        // Act
        var printed = await hub.Client.GetAsync("/api/customers?system=legacy-pos&externalId=C-00201", ct);
        var stored = await hub.Client.GetAsync("/api/customers?system=legacy-pos&externalId=201", ct);
        var unknown = await hub.Client.GetAsync("/api/customers?system=legacy-pos&externalId=C-09999", ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var a = await printed.Content.ReadFromJsonAsync<JsonElement>(ct);
        var b = await stored.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("Meera Shah", a.GetProperty("name").GetString());
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_LegacyId_KeepsTheIdAsPrintedBesideItsStoredForm(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);

        // Act
        await Samples.Runner(hub).RunAsync(Samples.Customers, null, ct);
        var customer = await hub.Client.GetFromJsonAsync<JsonElement>("/api/customers?system=legacy-pos&externalId=C-00201", ct);

        // Assert
        Assert.Equal(["201|C-00201"], await ImportDatabase.RowsAsync(
            hub.Database.Database, "SELECT external_id, printed_id FROM customer_refs WHERE external_id = '201'", ct));
        var reference = Assert.Single(customer.GetProperty("references").EnumerateArray());
        Assert.Equal(("legacy-pos", "201", "C-00201"), (
            reference.GetProperty("system").GetString(), reference.GetProperty("externalId").GetString(), reference.GetProperty("asPrinted").GetString()));
    }
}
