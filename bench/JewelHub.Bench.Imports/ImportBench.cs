using System.Diagnostics;
using System.Globalization;
using JewelHub.Hub.Hosting;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;
using JewelHub.Stores.Importing.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace JewelHub.Bench.Imports;

/// <summary>
/// Times the real customer import (CSV, map, validate, dedupe, write) and the raw write ceiling, each on a fresh
/// database. The ceiling writes the very rows the import writes (the derived customer ids, the same columns, tables and
/// indexes, in the same batches and order), mapped before its clock runs: binary COPY on PostgreSQL, prepared INSERTs in
/// one transaction per batch on SQLite. After the run both databases are compared, so the two wrote the same data.
/// </summary>
internal static class ImportBench
{
    private const int BatchSize = 5000;
    private const int WarmUpRows = 2 * BatchSize;

    private const string CopyCustomers = """
        COPY crm.customers (id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, created_at, updated_at)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyReferences = "COPY crm.customer_refs (system, external_id, customer_id, created_at) FROM STDIN (FORMAT BINARY)";

    private static readonly string[] Digest =
    [
        "SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in FROM crm.customers ORDER BY id",
        "SELECT system, external_id, customer_id FROM crm.customer_refs ORDER BY system, external_id",
    ];

    /// <summary>Arguments: rows, sqlite|postgres, the PostgreSQL admin connection string.</summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var provider = args.Length > 1 && args[1] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var admin = args.Length > 2 && args[2].Length > 0 ? args[2] : Environment.GetEnvironmentVariable("JEWELHUB_TEST_PG") ?? "";
        var folder = Directory.CreateTempSubdirectory("jewelhub-bench-").FullName;
        try
        {
            // Both paths run once untimed first, so neither figure carries the JIT compiling the code they share.
            var warmUp = Directory.CreateTempSubdirectory("jewelhub-bench-warm-").FullName;
            await RunImportAsync(provider, admin, warmUp, CustomerFile.Write(warmUp, WarmUpRows), cancellationToken);
            await RunCeilingAsync(provider, admin, warmUp, WarmUpRows, cancellationToken);
            Directory.Delete(warmUp, recursive: true);
            var file = CustomerFile.Write(folder, rows);
            var (import, imported) = await RunImportAsync(provider, admin, folder, file, cancellationToken);
            var importPeak = Process.GetCurrentProcess().PeakWorkingSet64;
            var (ceiling, ceilinged) = await RunCeilingAsync(provider, admin, folder, rows, cancellationToken);
            var same = await BenchDigest.ComputeAsync(imported, Digest, cancellationToken) == await BenchDigest.ComputeAsync(ceilinged, Digest, cancellationToken);
            Console.WriteLine($"customers {rows:N0} rows on {provider}");
            Console.WriteLine($"  import (map + validate + dedupe + write): {import.TotalSeconds:N1} s = {rows / import.TotalSeconds:N0} rows/s");
            Console.WriteLine($"  raw ceiling ({(provider == DatabaseProvider.Postgres ? "binary COPY" : "prepared inserts")} of the import's rows, pre-mapped): "
                + $"{ceiling.TotalSeconds:N1} s = {rows / ceiling.TotalSeconds:N0} rows/s");
            Console.WriteLine($"  import / ceiling: {ceiling.TotalSeconds / import.TotalSeconds:P0}");
            Console.WriteLine($"  both wrote the same customers and references: {(same ? "yes" : "NO")}");
            Console.WriteLine($"  peak working set: {importPeak / 1024 / 1024:N0} MB after the import, {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB at the end");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, Database Db)> RunImportAsync(
        DatabaseProvider provider, string admin, string folder, string file, CancellationToken cancellationToken)
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
            new ImportRequest { Entity = "customers", FilePath = file, MapId = "legacy-pos.customer.in", BatchSize = BatchSize }, null, cancellationToken);
        return (watch.Elapsed, new Database(options));
    }

    /// <summary>
    /// The import's rows, mapped and put in the import's order (by id) before the clock runs for each batch, then written
    /// straight into the tables: binary COPY on PostgreSQL, prepared inserts on SQLite, one transaction per batch.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, Database Db)> RunCeilingAsync(
        DatabaseProvider provider, string admin, string folder, int rows, CancellationToken cancellationToken)
    {
        var options = await FreshAsync(provider, admin, folder, "ceiling", cancellationToken);
        var db = new Database(options);
        await new Migrator(db, TimeProvider.System).MigrateAsync(cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var writer = IBulkWriter.For(db);
        var watch = new Stopwatch();
        await using var connection = await db.OpenAsync(cancellationToken);
        for (var start = 0; start < rows; start += BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(BatchSize, rows - start)).Select(CustomerFile.Mapped).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            var customers = provider == DatabaseProvider.Sqlite ? batch.Select(c => CustomerRow(c, now)).ToList() : null;
            var references = provider == DatabaseProvider.Sqlite ? batch.Select(c => new object?[] { CustomerFile.System, c.ExternalId, c.Id, now }).ToList() : null;
            watch.Start();
            await using (var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken))
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    await CopyAsync((NpgsqlConnection)connection, batch, now, cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(connection, transaction, CustomerImporter.Customers.As(BulkMode.Insert), customers!, cancellationToken);
                    await writer.WriteAsync(connection, transaction, CustomerImporter.References.As(BulkMode.Insert), references!, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            watch.Stop();
        }

        return (watch.Elapsed, db);
    }

    private static object?[] CustomerRow(MappedCustomer c, DateTimeOffset now) =>
        [c.Id, c.Name, c.Phone, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, now, now];

    private static async Task CopyAsync(NpgsqlConnection connection, List<MappedCustomer> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(CopyCustomers, cancellationToken))
        {
            foreach (var c in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Text, cancellationToken);
                await NullableAsync(copy, c.Phone, NpgsqlDbType.Text, cancellationToken);
                await NullableAsync(copy, c.Email, NpgsqlDbType.Text, cancellationToken);
                await NullableAsync(copy, c.Birthday, NpgsqlDbType.Date, cancellationToken);
                await NullableAsync(copy, c.Anniversary, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(c.SmsOptIn, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(c.EmailOptIn, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(CopyReferences, cancellationToken))
        {
            foreach (var c in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(CustomerFile.System, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.ExternalId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static Task NullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

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
