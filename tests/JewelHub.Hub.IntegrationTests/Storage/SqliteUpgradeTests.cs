using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Storage;

/// <summary>
/// A SQLite database made by a hub from before migration 0030 (its tables prefixed with their schema: crm_customers)
/// starts on today's hub, which renames its tables and keeps its rows. The old migration texts are kept as they
/// shipped (Storage/SqliteBefore0030) and applied the way that hub applied them.
/// </summary>
public sealed partial class SqliteUpgradeTests
{
    private const string CustomerId = "0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_DatabaseWithPrefixedTables_RenamesThemAndKeepsTheData()
    {
        var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, Ct);
        await using (var connection = await database.Database.OpenAsync(Ct))
        {
            await ApplyAsTheOldHubDidAsync(connection);
            await connection.ExecuteAsync("""
                INSERT INTO crm_customers (id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, created_at, updated_at)
                VALUES (@CustomerId, 'Meera Iyer', '+919876543210', NULL, '1990-04-12', NULL, 1, 0, '2025-01-02 03:04:05+00:00', '2025-01-02 03:04:05+00:00');
                INSERT INTO crm_customer_refs (system, external_id, customer_id, created_at) VALUES ('pos', 'C-00042', @CustomerId, '2025-01-02 03:04:05+00:00');
                INSERT INTO hub_events (source, id, type, subject, time, received_at, body)
                VALUES ('/pos', 'evt-1', 'stock.low', NULL, NULL, '2025-01-02 03:04:05+00:00', '{"specversion":"1.0","id":"evt-1","source":"/pos","type":"stock.low","data":{"branch":"MUM","category":"coin","available":1,"threshold":5}}');
                """, new { CustomerId });
        }

        await using var hub = await HubServer.StartAsync(database, Ct);

        var byReference = await hub.Client.GetFromJsonAsync<CustomerSeen>("/api/customers?system=pos&externalId=C-00042", Ct);
        var byId = await hub.Client.GetFromJsonAsync<CustomerSeen>($"/api/customers/{CustomerId}", Ct);
        var events = await hub.Client.GetFromJsonAsync<List<EventSeen>>("/api/events", Ct);
        Assert.Equal(new CustomerSeen(Guid.Parse(CustomerId), "Meera Iyer", "+919876543210"), byReference);
        Assert.Equal(byReference, byId);
        Assert.Equal("evt-1", Assert.Single(events!).Id);

        await using var check = await database.Database.OpenAsync(Ct);
        var tables = (await check.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")).ToList();
        Assert.Contains("customers", tables);
        Assert.DoesNotContain(tables, name => name != "hub_schema_migrations" && PrefixedTable().IsMatch(name));
        Assert.Equal("customers", await check.ExecuteScalarAsync<string>("SELECT \"table\" FROM pragma_foreign_key_list('customer_refs')"));
        Assert.Equal(
            ["0020_attributes", "0021_printed_ids", "0030_unqualified_table_names"],
            await check.QueryAsync<string>("SELECT id FROM hub_schema_migrations WHERE id > '0018' ORDER BY id"));
    }

    [Fact]
    public void Migrations0001To0017_ReadAsTheSqlThatRan_AndDeclareTheChecksumItWasRecordedWith()
    {
        var current = CurrentSqliteMigrations();
        foreach (var (id, old) in OldMigrations())
        {
            var text = current[id];
            var header = $"{Migrator.PreviousChecksumLine}{Checksum(old)}\n";
            Assert.StartsWith(header, text, StringComparison.Ordinal);
            Assert.Equal(AsTheOldHubRewroteIt(old), text[header.Length..]);
        }
    }

    // What the hub did before 0030: it created its migrations table, then ran each file with every schema-qualified name
    // turned into a prefixed one, and recorded the checksum of the file as written.
    private static async Task ApplyAsTheOldHubDidAsync(System.Data.Common.DbConnection connection)
    {
        await connection.ExecuteAsync("CREATE TABLE hub_schema_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var (id, text) in OldMigrations())
        {
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            await connection.ExecuteAsync(AsTheOldHubRewroteIt(text), transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO hub_schema_migrations (id, checksum, applied_at) VALUES (@Id, @Checksum, '2025-01-01 00:00:00+00:00')",
                new { Id = id, Checksum = Checksum(text) }, transaction);
            await transaction.CommitAsync(Ct);
        }
    }

    private static string AsTheOldHubRewroteIt(string sql) => SchemaQualified().Replace(sql, "$1_");

    private static string Checksum(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static IEnumerable<(string Id, string Text)> OldMigrations()
    {
        var assembly = typeof(SqliteUpgradeTests).Assembly;
        const string prefix = "SqliteBefore0030/";
        var names = assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(18, names.Count);
        return names.Select(name => (name[prefix.Length..^4], Read(assembly.GetManifestResourceStream(name)!)));
    }

    private static Dictionary<string, string> CurrentSqliteMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.sqlite.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[prefix.Length..^4], name => Read(assembly.GetManifestResourceStream(name)!), StringComparer.Ordinal);
    }

    private static string Read(Stream stream)
    {
        using (stream)
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            return reader.ReadToEnd().ReplaceLineEndings("\n");
        }
    }

    [GeneratedRegex(@"\b(crm|inventory|finance|hub)\.(?=[a-z_])")]
    private static partial Regex SchemaQualified();

    [GeneratedRegex(@"^(crm|inventory|finance|hub)_")]
    private static partial Regex PrefixedTable();

    private sealed record CustomerSeen(Guid Id, string Name, string? Phone);

    private sealed record EventSeen(long Seq, string Id);
}
