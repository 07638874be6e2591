using JewelHub.Storage;
using JewelHub.Testing;
using Npgsql;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

/// <summary>
/// Every query of the sale → payment path is served by an index, so a shop's flows do not slow down as its tables grow.
/// The hub's sessions run with sequential scans disabled: PostgreSQL then scans a table whole only when no index can
/// answer the query, and its statistics count that scan.
/// </summary>
public sealed class IndexCoverageTests
{
    /// <summary>Small tables that are read whole by design (definitions and settings loaded at start-up).</summary>
    private static readonly HashSet<string> ReadWhole =
    [
        "schema_migrations",
        "workflow_definitions",
        "workflow_triggers",
        "workflow_definition_stamp",
        "workflow_cursors",
    ];

    [Fact]
    public async Task Postgres_SalePaidAndSaleOutOfStock_NoTableScannedWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        string? databaseName = null;
        Dictionary<string, long> migrated = [];
        var hub = await ShopFlows.StartAsync(DatabaseProvider.Postgres, ct, prepare: async database =>
        {
            databaseName = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString).Database!;
            await new Migrator(database.Database, TimeProvider.System).MigrateAsync(ct);
            migrated = await WholeTableScansAsync(database, databaseName, ct);
            await ExecuteAsync(database, $"ALTER DATABASE {databaseName} SET enable_seqscan = off", ct);
        });
        var admin = hub.Server.Database;
        try
        {
            await hub.PieceAsync("RING-A", ct);
            await hub.PieceAsync("RING-B", ct);
            await hub.PieceAsync("RING-C", ct);
            await hub.PieceAsync("RING-D", ct);
            await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
            await hub.SaleAsync("sale-2", "SO-2", ct, "RING-C");
            await hub.SaleAsync("sale-3", "SO-3", ct, "RING-D", "RING-MISSING");
            await hub.WaitUntilAsync("sale-to-bill", all => all.Count == 3 && all.Count(i => Text(i!["status"]) == "Suspended") == 2, ct);
            foreach (var (order, total) in new[] { ("SO-1", 2 * ShopFlows.RingTotal), ("SO-2", ShopFlows.RingTotal) })
            {
                await hub.PaymentAsync($"PAY-{order}", null, order, total, ct);
            }

            await hub.WaitForAsync("sale-to-bill", 3, "Finished", ct);
            Assert.Equal(("Sold", "Available"), (await hub.PieceStatusAsync("RING-C", ct), await hub.PieceStatusAsync("RING-D", ct)));
        }
        finally
        {
            await hub.DisposeAsync();
        }

        var scanned = await WholeTableScansAsync(admin, databaseName!, ct);
        var unexpected = scanned
            .Where(t => !ReadWhole.Contains(t.Key) && t.Value > migrated.GetValueOrDefault(t.Key))
            .Select(t => $"{t.Key} ({t.Value - migrated.GetValueOrDefault(t.Key)})")
            .Order()
            .ToList();
        Assert.True(unexpected.Count == 0, "Scanned whole: " + string.Join(", ", unexpected));
    }

    /// <summary>Sequential scans per table, read once every other session has ended and flushed its statistics.</summary>
    private static async Task<Dictionary<string, long>> WholeTableScansAsync(TestDatabase database, string name, CancellationToken ct)
    {
        await using (var pooled = new NpgsqlConnection(PostgresDialect.WithDefaults(database.Options.ConnectionString)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            await using var others = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
            others.Parameters.AddWithValue("name", name);
            if ((long)(await others.ExecuteScalarAsync(ct))! == 0)
            {
                break;
            }

            Assert.True(attempt < 200, "The hub's sessions did not end within 10 s.");
            await Task.Delay(50, ct);
        }

        await using var read = new NpgsqlCommand(
            "SELECT relname, seq_scan FROM pg_stat_user_tables WHERE seq_scan > 0", connection);
        var scans = new Dictionary<string, long>();
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            scans[reader.GetString(0)] = reader.GetInt64(1);
        }

        return scans;
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
