using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using JewelHub.Hub.Importing.Entities;
using JewelHub.Mappings;
using JewelHub.Mappings.Definitions;
using JewelHub.Mappings.Evaluation;
using JewelHub.Mappings.Loading;
using JewelHub.Storage;
using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Streams a CSV file row by row through a map into a store, in batches. Each batch commits with its rejects, merges
/// and the job checkpoint in one transaction, so memory stays flat, a re-run resumes after the last committed batch,
/// and a dry run (one transaction, rolled back) shows exactly what would happen.
/// </summary>
public sealed class ImportRunner(Database db, ImportStore store, MapCatalog maps, IEnumerable<IEntityImport> entities)
{
    /// <summary>The entity names the runner knows.</summary>
    public IReadOnlyList<string> Entities => entities.Select(e => e.Name).ToList();

    /// <summary>Runs an import; <paramref name="jobId"/> continues a job already created (an API upload).</summary>
    public async Task<ImportSummary> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken, string? jobId = null)
    {
        var (entity, map) = Resolve(request);
        var clock = Stopwatch.StartNew();
        ImportJob? job = null;
        if (!request.DryRun)
        {
            job = jobId is not null ? await store.GetAsync(jobId, cancellationToken) : await store.StartAsync(new ImportJobStart(
                entity.Name, map.Id, request.FileName ?? Path.GetFileName(request.FilePath), Path.GetFullPath(request.FilePath),
                await HashAsync(request.FilePath, cancellationToken), request.LiveEffects, ImportStatus.Running), cancellationToken);
            await store.MarkRunningAsync(job!.Id, cancellationToken);
        }

        try
        {
            var summary = await StreamAsync(request, entity, map, job, progress, clock, cancellationToken);
            if (job is not null)
            {
                await store.FinishAsync(job.Id, ImportStatus.Completed, null, summary.Counts.Read, cancellationToken);
                await RejectsFile.ExportAsync(store, job.Id, request, cancellationToken);
            }

            return summary;
        }
        catch (Exception exception) when (job is not null && exception is not OperationCanceledException)
        {
            await store.FinishAsync(job.Id, ImportStatus.Failed, exception.Message, null, CancellationToken.None);
            throw;
        }
    }

    private async Task<ImportSummary> StreamAsync(
        ImportRequest request, IEntityImport entity, MapDefinition map, ImportJob? job, IProgress<ImportProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var csv = new CsvSource(request);
        var missing = map.MissingColumns(csv.Header);
        if (missing.Count > 0)
        {
            throw new ImportFileException($"{csv.FileName}: missing column(s) {string.Join(", ", missing)} that map {map.Id} reads");
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var dryRun = request.DryRun ? await db.Dialect.BeginWriteAsync(connection, cancellationToken) : null;
        await using var dryRejects = request.DryRun && request.RejectsPath is not null ? new RejectsFile(request.RejectsPath, csv.HeaderLine) : null;
        var record = new CsvRecord(csv.Header);
        var totals = job?.Counts ?? ImportCounts.Zero;
        var batch = new List<object>(request.BatchSize);
        var rejects = new List<ImportReject>();
        var firstRejects = new List<ImportReject>();
        var previews = new List<ImportPreview>();
        long lastRow = 0;

        // The next batch is read and mapped while the previous one is written, so parsing and the database each get a
        // core. Batches still commit one at a time and in file order: a resume starts after the last committed batch.
        var writing = Task.FromResult(ImportCounts.Zero);
        Task<ImportCounts> Write(List<object> rows, List<ImportReject> rowRejects, long upTo) => Task.Run(
            () => FlushAsync(connection, dryRun, entity, map, job, rows, rowRejects, upTo, dryRejects, cancellationToken), cancellationToken);
        try
        {
            while (csv.Read())
            {
                lastRow = csv.Row;
                if (lastRow <= (job?.LastRow ?? 0))
                {
                    continue;
                }

                var reject = Map(csv, map, entity, record, batch, request.DryRun && previews.Count < request.PreviewRows ? previews : null);
                if (reject is not null)
                {
                    rejects.Add(reject);
                    if (firstRejects.Count < 20)
                    {
                        firstRejects.Add(reject);
                    }
                }

                if (batch.Count + rejects.Count >= request.BatchSize)
                {
                    totals = totals.Plus(await writing);
                    progress?.Report(new ImportProgress(totals, csv.Fraction, clock.Elapsed));
                    writing = Write(batch, rejects, lastRow);
                    batch = new List<object>(request.BatchSize);
                    rejects = [];
                }
            }

            totals = totals.Plus(await writing);
            totals = totals.Plus(await FlushAsync(connection, dryRun, entity, map, job, batch, rejects, lastRow, dryRejects, cancellationToken));
        }
        finally
        {
            // After a failure or cancellation, let the batch in flight finish with the connection before it is disposed;
            // the exception already on its way out is the one reported.
            await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        progress?.Report(new ImportProgress(totals, 1, clock.Elapsed));
        return new ImportSummary(job?.Id, totals, clock.Elapsed, firstRejects, previews, job is { LastRow: > 0 });
    }

    private static ImportReject? Map(CsvSource csv, MapDefinition map, IEntityImport entity, CsvRecord record, List<object> batch, List<ImportPreview>? previews)
    {
        if (csv.Fields.Length != csv.Header.Count)
        {
            return new ImportReject(csv.Row, "*", $"the row has {csv.Fields.Length} fields but the header has {csv.Header.Count}", csv.RawLine);
        }

        var result = map.Apply(record.SetRow(csv.Fields));
        previews?.Add(new ImportPreview(csv.Row, csv.Header.Select((h, i) => (h, csv.Fields[i])).ToDictionary(p => p.h, p => (string?)p.Item2),
            CanonicalJson.Write(CanonicalJson.ToJson(result))));
        if (result is MapResult.Failed failed)
        {
            return new ImportReject(csv.Row, string.Join("; ", failed.Errors.Select(e => e.Field)), failed.Errors.Count == 1
                ? failed.Errors[0].Reason
                : string.Join("; ", failed.Errors.Select(e => $"{e.Field}: {e.Reason}")), csv.RawLine);
        }

        if (!entity.TryConvert(csv.Row, ((MapResult.Mapped)result).Record, out var row, out var column, out var reason))
        {
            return new ImportReject(csv.Row, column, reason, csv.RawLine);
        }

        batch.Add(row);
        return null;
    }

    private async Task<ImportCounts> FlushAsync(
        DbConnection connection, DbTransaction? dryRun, IEntityImport entity, MapDefinition map, ImportJob? job, List<object> batch,
        List<ImportReject> rejects, long lastRow, RejectsFile? dryRejects, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 && rejects.Count == 0)
        {
            return ImportCounts.Zero;
        }

        ImportBatchResult result;
        if (dryRun is not null)
        {
            result = await entity.WriteAsync(connection, dryRun, map.System, batch, cancellationToken);
            if (dryRejects is not null)
            {
                await dryRejects.AppendAsync(rejects, cancellationToken);
            }
        }
        else
        {
            await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
            result = await entity.WriteAsync(connection, transaction, map.System, batch, cancellationToken);
            var counts = result.Counts with { Read = result.Counts.Read + rejects.Count, Rejected = rejects.Count };
            await store.CommitBatchAsync(connection, transaction, job!.Id, lastRow, counts, rejects, result.Merges, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var total = result.Counts with { Read = result.Counts.Read + rejects.Count, Rejected = rejects.Count };
        batch.Clear();
        rejects.Clear();
        return total;
    }

    private (IEntityImport Entity, MapDefinition Map) Resolve(ImportRequest request)
    {
        var entity = entities.FirstOrDefault(e => e.Name == request.Entity)
            ?? throw new ImportFileException($"'{request.Entity}' is not an entity that can be imported ({string.Join(", ", Entities)})");
        if (!maps.TryGet(request.MapId, out var map))
        {
            throw new ImportFileException($"map '{request.MapId}' is not loaded ({string.Join(", ", maps.All.Select(m => m.Id))})");
        }

        if (map.Entity != entity.MapEntity || map.Direction != MapDirection.In || map.SourceFormat != "csv")
        {
            throw new ImportFileException($"map '{map.Id}' does not turn CSV rows into {entity.MapEntity} records");
        }

        return File.Exists(request.FilePath) ? (entity, map) : throw new ImportFileException($"{request.FilePath}: file not found");
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
