using System.Diagnostics;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;
using JewelHub.Stores.Importing.Customers;
using Npgsql;
using NpgsqlTypes;

namespace JewelHub.Bench.Imports;

/// <summary>
/// Times the real customer import (CSV, map, validate, dedupe, write) and the raw write ceiling, each on a fresh
/// database. The ceiling writes the very rows the import writes (the derived customer ids, the same columns, tables and
/// indexes, in the same batches and order), mapped before its clock runs: binary COPY on PostgreSQL, prepared INSERTs in
/// one transaction per batch on SQLite. After the run the two databases are compared, so both wrote the same data.
/// </summary>
internal static class ImportBench
{
    private const int BatchSize = 5000;

    private const string CopyCustomers = """
        COPY customers (id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, city, created_at, updated_at)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyReferences = "COPY customer_refs (system, external_id, customer_id, printed_id, created_at) FROM STDIN (FORMAT BINARY)";

    private static readonly string[] Digest =
    [
        "SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in, city, attributes FROM customers ORDER BY id",
        "SELECT system, external_id, customer_id FROM customer_refs ORDER BY system, external_id",
    ];

    /// <summary>Customers: the file, the import, the ceiling, and what both must have written.</summary>
    public static BenchCase Case { get; } = new("customers", CustomerFile.Write, RunImportAsync, RunCeilingAsync, Digest);

    private static async Task<TimeSpan> RunImportAsync(DatabaseOptions options, string file, int rows, CancellationToken cancellationToken)
    {
        var (elapsed, summary) = await TimedImport.RunAsync(
            options, new ImportRequest { Entity = "customers", FilePath = file, MapId = "legacy-pos.customer.in", BatchSize = BatchSize }, cancellationToken);
        // The figure only counts if every generated customer was written as a new one.
        return summary.Counts.Inserted == rows ? elapsed : throw new InvalidOperationException($"{summary.Counts.Inserted} of {rows} customers written");
    }

    /// <summary>
    /// The import's rows, mapped and put in the import's order (by id) before the clock runs for each batch, then written
    /// straight into the tables: binary COPY on PostgreSQL, prepared inserts on SQLite, one transaction per batch.
    /// </summary>
    private static async Task<TimeSpan> RunCeilingAsync(DatabaseOptions options, int rows, CancellationToken cancellationToken)
    {
        var provider = options.Provider;
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
            var references = provider == DatabaseProvider.Sqlite ? batch.Select(c => new object?[] { CustomerFile.System, c.ExternalId, c.Id, c.PrintedId, now }).ToList() : null;
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

        return watch.Elapsed;
    }

    private static object?[] CustomerRow(MappedCustomer c, DateTimeOffset now) =>
        [c.Id, c.Name, c.Phone, c.Email, c.Birthday, c.Anniversary, c.SmsOptIn, c.EmailOptIn, null, c.City, null, null, null, null, now, now];

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
                await copy.WriteAsync(c.City, NpgsqlDbType.Text, cancellationToken);
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
                await copy.WriteAsync(c.PrintedId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static Task NullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
