using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>A map's requireOneOf rule: a customer with neither phone nor e-mail is rejected with the reason, the others land.</summary>
public sealed class RecordRuleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-rules-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_CustomerWithoutPhoneOrEmail_RejectedWithTheRuleAsReason(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var maps = Directory.CreateDirectory(Path.Combine(_folder, "maps")).FullName;
        await File.WriteAllTextAsync(Path.Combine(maps, "shop.customer.in.json"), """
            {
              "id": "shop.customer.in",
              "version": 1,
              "source": { "format": "csv", "fields": ["Code", "Party", "Mobile", "Mail"] },
              "fields": [
                { "target": "externalId", "from": "Code", "convert": [{ "use": "legacy-id", "prefixes": ["P-"] }] },
                { "target": "name", "from": "Party", "convert": ["first-last", { "use": "case", "to": "title" }] },
                { "target": "phone", "from": "Mobile", "convert": [{ "use": "phone", "defaultCountry": "IN" }] },
                { "target": "email", "from": "Mail", "convert": ["email"] }
              ],
              "rules": [{ "requireOneOf": ["phone", "email"] }]
            }
            """, ct);
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Maps:Folder"] = maps });
        var file = Path.Combine(_folder, "parties.csv");
        await File.WriteAllTextAsync(file, "Code,Party,Mobile,Mail\nP-1,\"O'BRIEN, SEAN\",98200 11111,\nP-2,\"rao, asha\",,asha@example.in\nP-3,Walk In,,\n", ct);

        // Act
        var summary = await Samples.Runner(hub).RunAsync(new ImportRequest { Entity = "customers", FilePath = file, MapId = "shop.customer.in" }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(3, 2, 0, 0, 0, 1), summary.Counts);
        var reject = Assert.Single(await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct));
        Assert.Equal((4L, "Mobile; Mail", "needs at least one of phone, email (columns Mobile, Mail) but the row has none"), (reject.RowNumber, reject.ColumnName, reject.Reason));
        Assert.Equal(["Asha Rao", "Sean O'Brien"], await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT name FROM customers ORDER BY name", ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
