using System.Diagnostics;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Storage.Bulk;
using JewelHub.Stores.Importing.Pieces;
using Npgsql;
using NpgsqlTypes;

namespace JewelHub.Bench.Imports;

/// <summary>
/// Times the real piece import (CSV, map, validate, look-ups, write) and the raw write ceiling, each on a fresh database:
/// the ceiling writes the same pieces already mapped into the tables the importer writes (pieces, stones, piece_refs,
/// movements), by binary COPY on PostgreSQL and prepared INSERTs in one transaction per batch on SQLite.
/// </summary>
internal static class PieceBench
{
    private const int BatchSize = 5000;

    private static readonly string[] Digest =
    [
        "SELECT sku, category, metal, fineness, gross_mg, net_mg, making_mode, making_value_hundredths, wastage_hundredths, other_charges_minor, "
            + "huid, hsn, branch, status FROM pieces ORDER BY sku",
        "SELECT sku, type, shape, count, carats_thousandths, colour, clarity, lab, report_number, lab_grown, value_minor FROM stones "
            + "ORDER BY sku, type, carats_thousandths, count, value_minor",
        "SELECT system, external_id, sku FROM piece_refs ORDER BY system, external_id",
        "SELECT sku, branch, reason, quantity_delta, weight_delta_mg, reference, idempotency_key FROM movements ORDER BY idempotency_key",
    ];

    /// <summary>Pieces: the file, the import, the ceiling, and what both must have written.</summary>
    public static BenchCase Case { get; } = new("pieces", PieceFile.Write, RunImportAsync, RunCeilingAsync, Digest);

    private static async Task<TimeSpan> RunImportAsync(DatabaseOptions options, string file, int rows, CancellationToken cancellationToken)
    {
        var (elapsed, summary) = await TimedImport.RunAsync(
            options, new ImportRequest { Entity = "pieces", FilePath = file, MapId = "legacy-pos.piece.in", BatchSize = BatchSize }, cancellationToken);
        // A rejected row costs less than a written one: the figure only counts if every generated piece was written.
        if (summary.Counts.Inserted != rows)
        {
            var first = summary.FirstRejects.Count > 0 ? summary.FirstRejects[0] : null;
            throw new InvalidOperationException($"{summary.Counts.Inserted} of {rows} pieces written; first reject: row {first?.RowNumber} {first?.Column}: {first?.Reason}");
        }

        return elapsed;
    }

    /// <summary>
    /// The import's rows, mapped (and, for SQLite, laid out as parameter rows) before the clock runs for each batch, then
    /// written straight into the tables: binary COPY on PostgreSQL, prepared inserts on SQLite, one transaction per batch.
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
            var batch = Enumerable.Range(start, Math.Min(BatchSize, rows - start)).Select(PieceFile.Mapped).ToList();
            var tables = provider == DatabaseProvider.Sqlite ? SqliteRows(batch, now) : null;
            watch.Start();
            await using (var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken))
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    await CopyAsync((NpgsqlConnection)connection, batch, now, cancellationToken);
                }
                else
                {
                    foreach (var (table, tableRows) in tables!)
                    {
                        await writer.WriteAsync(connection, transaction, table, tableRows, cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            watch.Stop();
        }

        return watch.Elapsed;
    }

    private static List<(BulkTable Table, List<object?[]> Rows)> SqliteRows(List<PieceImportRow> batch, DateTimeOffset now) =>
    [
        (PieceImporter.Pieces, batch.Select(p => new object?[]
        {
            p.Sku, p.Category, p.Metal, p.Fineness, p.GrossMg, p.NetMg, p.MakingMode, p.MakingValueHundredths, p.WastageHundredths,
            p.OtherChargesMinor, p.Huid, p.Hsn, p.Branch, p.Status, p.Attributes, now,
        }).ToList()),
        (PieceImporter.Stones, batch.SelectMany(p => p.Stones.Select(s => new object?[]
        {
            p.Sku, s.Type, s.Shape, s.Count, s.CaratsThousandths, s.Colour, s.Clarity, s.Lab, s.ReportNumber, s.LabGrown, s.ValueMinor,
        })).ToList()),
        (PieceImporter.References, batch.Select(p => new object?[] { PieceFile.System, p.ExternalId, p.Sku, now }).ToList()),
        (PieceImporter.Openings, batch.Select(p => new object?[]
        {
            p.Sku, p.Branch, "Opening", 1, p.NetMg, $"import:{PieceFile.System}", $"Opening:{PieceFile.System}:{p.ExternalId}", now,
        }).ToList()),
    ];

    private static async Task CopyAsync(NpgsqlConnection connection, List<PieceImportRow> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY pieces (sku, category, metal, fineness, gross_mg, net_mg, making_mode, making_value_hundredths, wastage_hundredths, "
            + "other_charges_minor, huid, hsn, branch, status, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Category, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Metal, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Fineness, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(p.GrossMg, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.NetMg, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.MakingMode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.MakingValueHundredths, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.WastageHundredths, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(p.OtherChargesMinor, NpgsqlDbType.Bigint, cancellationToken);
                await TextAsync(copy, p.Huid, cancellationToken);
                await copy.WriteAsync(p.Hsn, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Branch, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(p.Status, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stones (sku, type, shape, count, carats_thousandths, colour, clarity, lab, report_number, lab_grown, value_minor) "
            + "FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in batch)
            {
                foreach (var s in p.Stones)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(p.Sku, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(s.Type, NpgsqlDbType.Text, cancellationToken);
                    await TextAsync(copy, s.Shape, cancellationToken);
                    await copy.WriteAsync(s.Count, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(s.CaratsThousandths, NpgsqlDbType.Bigint, cancellationToken);
                    await TextAsync(copy, s.Colour, cancellationToken);
                    await TextAsync(copy, s.Clarity, cancellationToken);
                    await TextAsync(copy, s.Lab, cancellationToken);
                    await TextAsync(copy, s.ReportNumber, cancellationToken);
                    await copy.WriteAsync(s.LabGrown, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(s.ValueMinor, NpgsqlDbType.Bigint, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY piece_refs (system, external_id, sku, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in batch)
            {
                await copy.WriteRowAsync(cancellationToken, PieceFile.System, p.ExternalId, p.Sku, now);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY movements (sku, branch, reason, quantity_delta, weight_delta_mg, reference, idempotency_key, at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var p in batch)
            {
                await copy.WriteRowAsync(cancellationToken, p.Sku, p.Branch, "Opening", 1, p.NetMg, $"import:{PieceFile.System}",
                    $"Opening:{PieceFile.System}:{p.ExternalId}", now);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static Task TextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
