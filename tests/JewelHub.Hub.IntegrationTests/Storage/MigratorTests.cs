using System.Net.Http.Json;
using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Storage;

public sealed class MigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_RunTwice_SecondRunChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider, Ct);
        var migrator = new Migrator(database.Database, TimeProvider.System);

        var first = await migrator.MigrateAsync(Ct);
        var schemaAfterFirst = await SchemaAsync(database.Database);
        var second = await migrator.MigrateAsync(Ct);

        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Equal(schemaAfterFirst, await SchemaAsync(database.Database));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Restart_ExistingDatabase_KeepsData(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateEmptyAsync(provider, Ct);
        var hub = await HubServer.StartAsync(database, Ct);
        var posted = await hub.Client.PostAsJsonAsync("/api/events", new { specversion = "1.0", id = "r-1", source = "/test", type = "stock.low", data = new { branch = "MUM", category = "coin", available = 1, threshold = 5 } }, Ct);
        posted.EnsureSuccessStatusCode();
        await hub.StopAsync();

        await using var restarted = await HubServer.StartAsync(database, Ct);
        var events = await restarted.Client.GetFromJsonAsync<List<EventRow>>("/api/events", Ct);

        Assert.Equal("r-1", Assert.Single(events!).Id);
    }

    private static async Task<string> SchemaAsync(Database database)
    {
        const string postgres = """
            SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type
            FROM information_schema.columns WHERE table_schema IN ('hub','crm','inventory','finance') ORDER BY 1
            """;
        const string sqlite = "SELECT type || ':' || name || ':' || coalesce(sql, '') FROM sqlite_master ORDER BY name";
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<string>(database.Provider == DatabaseProvider.Postgres ? postgres : sqlite);
        var migrations = await connection.QueryAsync<string>($"SELECT id || checksum FROM {database.Dialect.MigrationsTable} ORDER BY id");
        return string.Join('\n', rows.Concat(migrations));
    }

    private sealed record EventRow(long Seq, string Id);
}
