using System.Diagnostics;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JewelHub.Bench.Imports;

/// <summary>Times the real import (CSV, map, validate, dedupe, write) and the raw write ceiling on a fresh database.</summary>
internal static class ImportBench
{
    private static readonly BulkTable Customers = new("crm.customers",
    [
        new("id", BulkType.Text), new("name", BulkType.Text), new("phone_e164", BulkType.Text), new("email", BulkType.Text),
        new("birthday", BulkType.Date), new("sms_opt_in", BulkType.Boolean), new("email_opt_in", BulkType.Boolean),
        new("created_at", BulkType.Timestamp), new("updated_at", BulkType.Timestamp),
    ], ["id"], BulkMode.Insert);

    private static readonly BulkTable References = new("crm.customer_refs",
    [
        new("system", BulkType.Text), new("external_id", BulkType.Text), new("customer_id", BulkType.Text), new("created_at", BulkType.Timestamp),
    ], ["system", "external_id"], BulkMode.Insert);

    public static async Task<TimeSpan> RunImportAsync(DatabaseProvider provider, string admin, string folder, string file, CancellationToken cancellationToken)
    {
        var options = await FreshAsync(provider, admin, folder, "import", cancellationToken);
        await using var app = HubApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,
            ["ConnectionStrings:Hub"] = options.Provider == DatabaseProvider.Postgres ? options.ConnectionString : "",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await HubApp.PrepareAsync(app, cancellationToken);
        var watch = Stopwatch.StartNew();
        await app.Services.GetRequiredService<ImportRunner>().RunAsync(
            new ImportRequest { Entity = "customers", FilePath = file, MapId = "legacy-pos.customer.in", BatchSize = 5000 }, null, cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>The same rows already mapped, written straight into the tables (binary COPY on PostgreSQL, prepared inserts on SQLite).</summary>
    public static async Task<TimeSpan> RunCeilingAsync(DatabaseProvider provider, string admin, string folder, int rows, CancellationToken cancellationToken)
    {
        var options = await FreshAsync(provider, admin, folder, "ceiling", cancellationToken);
        var db = new Database(options);
        await new Migrator(db, TimeProvider.System).MigrateAsync(cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        await using var connection = await db.OpenAsync(cancellationToken);
        for (var start = 0; start < rows; start += 5000)
        {
            var batch = Enumerable.Range(start, Math.Min(5000, rows - start)).ToList();
            await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
            if (provider == DatabaseProvider.Postgres)
            {
                await CopyAsync((NpgsqlConnection)connection, batch, now, cancellationToken);
            }
            else
            {
                var writer = IBulkWriter.For(db);
                await writer.WriteAsync(connection, transaction, Customers, batch.Select(i => Customer(i, now)).ToList(), cancellationToken);
                await writer.WriteAsync(connection, transaction, References, batch.Select(i => new object?[] { "legacy-pos", $"{i}", $"id-{i}", now }).ToList(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return watch.Elapsed;
    }

    private static object?[] Customer(int i, DateTimeOffset now) =>
        [$"id-{i}", $"Customer {i}", $"+91{9000000000L + i}", i % 2 == 0 ? $"customer{i}@example.in" : null, new DateOnly(1980, 2, 1), true, false, now, now];

    private static async Task CopyAsync(NpgsqlConnection connection, List<int> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY crm.customers (id, name, phone_e164, email, birthday, sms_opt_in, email_opt_in, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var i in batch)
            {
                await copy.WriteRowAsync(cancellationToken, Customer(i, now));
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY crm.customer_refs (system, external_id, customer_id, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var i in batch)
            {
                await copy.WriteRowAsync(cancellationToken, "legacy-pos", $"{i}", $"id-{i}", now);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>A new empty database for one timed run: a SQLite file in the folder, or a new PostgreSQL database.</summary>
    internal static async Task<DatabaseOptions> FreshAsync(DatabaseProvider provider, string admin, string folder, string name, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(folder, name + ".db")}" };
        }

        var database = $"bench_{name}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString() };
    }
}
