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
    /// <summary>
    /// How long a runner's claim on its job lasts without a checkpoint. Every batch renews it; a runner whose process
    /// died lets the job become claimable again after this long.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(30);

    /// <summary>The entity names the runner knows.</summary>
    public IReadOnlyList<string> Entities => entities.Select(e => e.Name).ToList();

    /// <summary>Runs an import; <paramref name="jobId"/> continues a job already created (an API upload).</summary>
    public async Task<ImportSummary> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken, string? jobId = null)
    {
        // A run without a job resolves its entity and map before it creates one; a queued job (an upload) is claimed first,
        // so that a map that does not fit its entity marks the job Failed with the reason instead of leaving it Queued.
        var resolved = jobId is null ? Resolve(request) : default((IEntityImport Entity, MapDefinition Map)?);
        if (resolved is { } checking)
        {
            // The file is read up to its header before a job exists, so that a file the map cannot read leaves nothing behind.
            using var header = new CsvSource(request);
            CheckColumns(header, checking.Map);
        }

        var clock = Stopwatch.StartNew();
        ImportJob? job = null;
        var runner = RunnerId();
        if (!request.DryRun)
        {
            job = jobId is not null ? await store.GetAsync(jobId, cancellationToken) : await store.StartAsync(new ImportJobStart(
                resolved!.Value.Entity.Name, resolved.Value.Map.Id, request.FileName ?? Path.GetFileName(request.FilePath), Path.GetFullPath(request.FilePath),
                await HashAsync(request.FilePath, cancellationToken), request.LiveEffects, ImportStatus.Running), cancellationToken);
            if (!await ClaimAsync(job!.Id, runner, cancellationToken))
            {
                throw new ImportBusyException(job.Id, job.FileName, ClaimDuration);
            }
        }

        try
        {
            var (entity, map) = resolved ?? Resolve(request);
            var summary = await StreamAsync(request, entity, map, job, runner, progress, clock, cancellationToken);
            if (job is not null)
            {
                await store.FinishAsync(job.Id, runner, ImportStatus.Completed, null, summary.Counts.Read, cancellationToken);
                await RejectsFile.ExportAsync(store, job.Id, request, summary.HeaderLine, summary.Delimiter, cancellationToken);
            }

            return summary;
        }
        catch (Exception exception) when (job is not null && exception is not (OperationCanceledException or ImportClaimLostException))
        {
            await store.FinishAsync(job.Id, runner, ImportStatus.Failed, exception.Message, null, CancellationToken.None);
            throw;
        }
        finally
        {
            // A run that stopped early (cancelled, or the hub stopping) lets the job go for the next runner at once.
            if (job is not null)
            {
                await store.LetGoAsync(job.Id, runner, CancellationToken.None);
            }
        }
    }

    // The job for this runner: free or lapsed, or held by a process of this machine that is gone (a killed run).
    private async Task<bool> ClaimAsync(string jobId, string runner, CancellationToken cancellationToken) =>
        await store.ClaimAsync(jobId, runner, ClaimDuration, cancellationToken)
        || (await store.HolderAsync(jobId, cancellationToken) is { } holder && HeldByDeadProcess(holder)
            && await store.ClaimAsync(jobId, runner, ClaimDuration, cancellationToken, deadHolder: holder));

    // "machine/process id/random": a rerun on the machine of a killed run can tell that the claim's process is gone.
    private static string RunnerId() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private static bool HeldByDeadProcess(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id any more
        }
    }

    private async Task<ImportSummary> StreamAsync(
        ImportRequest request, IEntityImport entity, MapDefinition map, ImportJob? job, string runner, IProgress<ImportProgress>? progress, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        using var csv = new CsvSource(request);
        CheckColumns(csv, map);

        // A dry run writes every batch in one unit that is never committed.
        await using var dryRun = request.DryRun ? await db.BeginUnitAsync(cancellationToken) : null;
        await using var dryRejects = request.DryRun && request.RejectsPath is not null ? new RejectsFile(request.RejectsPath, csv.HeaderLine, csv.Delimiter) : null;
        var record = new CsvRecord(csv.Header);
        var attributes = new RowAttributes(map.UnreadColumns(csv.Header));
        var printedColumn = FieldColumn(entity.PrintedKeyField, map, csv.Header);
        var totals = job?.Counts ?? ImportCounts.Zero;
        var labels = SourceLabels(map);
        var firstRejects = new List<ImportReject>();
        var pending = new PendingBatch(request.BatchSize, labels, entity.GroupField, firstRejects);
        var previews = new List<ImportPreview>();
        var groupColumn = GroupColumn(entity, map, csv.Header);
        string? openGroup = null;
        long lastRow = 0;

        // The next batch is read and mapped while the previous one is written, so parsing and the database each get a
        // core. Batches still commit one at a time and in file order: a resume starts after the last committed batch.
        // Where reads inside a write transaction are not protected anyway (see WritersSerialize), a full batch's keys
        // are also looked up on a second connection while the previous batch is written; the write then adds what that
        // previous batch wrote. A dry run, whose batches never commit, looks up inside its transaction.
        await using var reader = !request.DryRun && !db.Dialect.WritersSerialize ? await db.OpenAsync(cancellationToken) : null;
        var writing = Task.FromResult(ImportCounts.Zero);
        var lookingUp = Task.FromResult<IBatchLookUp?>(null);
        IBatchLookUp? written = null;
        async Task HandOverAsync(long upTo)
        {
            var full = pending;
            pending = new PendingBatch(request.BatchSize, labels, entity.GroupField, firstRejects);
            await lookingUp;
            lookingUp = reader is null || full.Rows.Count == 0 ? Task.FromResult<IBatchLookUp?>(null) : entity.LookUpAsync(reader, map.System, full.Rows, cancellationToken);
            var lookUp = lookingUp;
            totals = totals.Plus(await writing);
            progress?.Report(new ImportProgress(totals, csv.Fraction, clock.Elapsed));
            var earlier = written;
            writing = Task.Run(async () =>
            {
                var known = await lookUp;
                if (known is not null && earlier is not null)
                {
                    known.Include(earlier);
                }

                written = known;
                return await FlushAsync(dryRun, entity, map, job, runner, full, known, upTo, request.LiveEffects, dryRejects, cancellationToken);
            }, cancellationToken);
        }

        try
        {
            while (csv.Read())
            {
                var previousRow = lastRow;
                lastRow = csv.Row;
                if (lastRow <= (job?.LastRow ?? 0))
                {
                    continue;
                }

                // Rows of one group (a bill's lines) stay in one batch: a batch closes only where a new group starts.
                var group = groupColumn < 0 ? null : csv.Fields.Length > groupColumn ? csv.Fields[groupColumn].Trim().ToUpperInvariant() : "";
                if (group is not null && group != openGroup)
                {
                    pending.CloseGroup();
                    if (pending.IsFull)
                    {
                        await HandOverAsync(previousRow);
                    }

                    openGroup = group;
                }

                var reject = Map(csv, map, entity, record, new RowSourceReader(attributes, printedColumn), pending, request.DryRun && previews.Count < request.PreviewRows ? previews : null);
                if (reject is not null)
                {
                    pending.Reject(reject);
                }

                if (group is null && pending.IsFull)
                {
                    await HandOverAsync(lastRow);
                }
            }

            pending.CloseGroup();
            totals = totals.Plus(await writing);
            totals = totals.Plus(await FlushAsync(dryRun, entity, map, job, runner, pending, null, lastRow, request.LiveEffects, dryRejects, cancellationToken));
        }
        finally
        {
            // After a failure or cancellation, let the batch in flight finish with the connection before it is disposed;
            // the exception already on its way out is the one reported.
            await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)lookingUp).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        progress?.Report(new ImportProgress(totals, 1, clock.Elapsed));
        return new ImportSummary(job?.Id, totals, clock.Elapsed, firstRejects.OrderBy(r => r.RowNumber).ToList(), previews, job is { LastRow: > 0 })
        {
            Delimiter = csv.Delimiter,
            DelimiterDetected = request.Delimiter is null,
            HeaderLine = csv.HeaderLine,
            AttributeColumns = attributes.Columns,
        };
    }

    // Every column the map reads must be in the header; when some are not, the message says how the header was split,
    // since a wrong delimiter is the usual cause.
    private static void CheckColumns(CsvSource csv, MapDefinition map)
    {
        var missing = map.MissingColumns(csv.Header);
        if (missing.Count > 0)
        {
            var split = $"the header was split at '{CsvReading.Show(csv.Delimiter)}'" + (csv.Header.Count == 1 ? " into one column" : $" into {csv.Header.Count} columns");
            throw new ImportFileException(
                $"{csv.FileName}: missing column(s) {string.Join(", ", missing)} that map {map.Id} reads; {split}; if the file uses another delimiter, give it with --delimiter (auto-detected: {CsvReading.Detected})");
        }
    }

    private static ImportReject? Map(
        CsvSource csv, MapDefinition map, IEntityImport entity, CsvRecord record, RowSourceReader source, PendingBatch pending, List<ImportPreview>? previews)
    {
        if (csv.Malformed is { } broken)
        {
            return new ImportReject(csv.Row, broken.Column, broken.Reason, broken.RejectsText);
        }

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

        if (!entity.TryConvert(csv.Row, ((MapResult.Mapped)result).Record, source.Read(csv.Fields), out var row, out var column, out var reason))
        {
            return new ImportReject(csv.Row, pending.SourceColumn(column), reason, csv.RawLine);
        }

        pending.Add(row, csv.Row, csv.RawLine);
        return null;
    }

    private async Task<ImportCounts> FlushAsync(
        UnitOfWork? dryRun, IEntityImport entity, MapDefinition map, ImportJob? job, string runner, PendingBatch pending,
        IBatchLookUp? lookUp, long lastRow, bool liveEffects, RejectsFile? dryRejects, CancellationToken cancellationToken)
    {
        if (pending.IsEmpty)
        {
            return ImportCounts.Zero;
        }

        ImportBatchResult result;
        if (dryRun is not null)
        {
            result = await entity.WriteAsync(dryRun.Connection, dryRun.Transaction, map.System, liveEffects, pending.Rows, cancellationToken);
            pending.StoreRejected(result.Rejects);
            pending.StoreConflicts(result.Conflicts);
            if (dryRejects is not null)
            {
                await dryRejects.AppendAsync(pending.Rejects.OrderBy(r => r.RowNumber), cancellationToken);
            }
        }
        else
        {
            // The batch, its rejects and the job's checkpoint commit together.
            await using var unit = await db.BeginUnitAsync(cancellationToken);
            result = lookUp is null
                ? await entity.WriteAsync(unit.Connection, unit.Transaction, map.System, liveEffects, pending.Rows, cancellationToken)
                : await entity.WriteAsync(unit.Connection, unit.Transaction, map.System, liveEffects, pending.Rows, lookUp, cancellationToken);
            pending.StoreRejected(result.Rejects);
            pending.StoreConflicts(result.Conflicts);
            var counts = Counted(result.Counts, pending);
            await store.CommitBatchAsync(unit, job!.Id, runner, ClaimDuration, lastRow, counts, pending.Rejects, result.Merges, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }

        var total = Counted(result.Counts, pending);
        pending.Clear();
        return total;
    }

    // The store's counts plus the rows the batch rejected or found in conflict (both go to the rejects file).
    private static ImportCounts Counted(ImportCounts stored, PendingBatch pending) => stored with
    {
        Read = stored.Read + pending.Rejects.Count,
        Rejected = pending.Rejects.Count - pending.Conflicts,
        Conflicts = pending.Conflicts,
    };

    /// <summary>Target field -> the source column(s) it is read from, so rejects name what the operator sees in the file.</summary>
    private static Dictionary<string, string> SourceLabels(MapDefinition map)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in map.Fields)
        {
            labels.TryAdd(field.Target, field.SourceLabel);
        }

        return labels;
    }

    /// <summary>The CSV column a target field is read from alone, or -1 when none (no such field, or several columns).</summary>
    private static int FieldColumn(string? field, MapDefinition map, IReadOnlyList<string> header) =>
        map.Fields.FirstOrDefault(f => f.Target == field && f.Sources.Count == 1 && f.Group is null) is { } rule
            ? header.Select(h => h.Trim()).ToList().FindIndex(h => string.Equals(h, rule.Sources[0], StringComparison.OrdinalIgnoreCase))
            : -1;

    /// <summary>The row's unread columns and its key as printed, for the entity's conversion.</summary>
    private readonly record struct RowSourceReader(RowAttributes Attributes, int PrintedColumn)
    {
        public RowSource Read(string[] fields) =>
            new(Attributes.Of(fields), PrintedColumn >= 0 && PrintedColumn < fields.Length ? fields[PrintedColumn] : null);
    }

    /// <summary>The CSV column that holds the entity's group field, or -1 when rows stand alone.</summary>
    private static int GroupColumn(IEntityImport entity, MapDefinition map, IReadOnlyList<string> header)
    {
        var rule = entity.GroupField is { } field ? map.Fields.FirstOrDefault(f => f.Target == field && f.Sources.Count == 1) : null;
        if (entity.GroupField is not null && rule is null)
        {
            throw new ImportFileException($"map '{map.Id}' must read {entity.GroupField} from one column");
        }

        return rule is null ? -1 : header.Select(h => h.Trim()).ToList().FindIndex(h => string.Equals(h, rule.Sources[0], StringComparison.OrdinalIgnoreCase));
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

        if (!CsvReading.TryGetEncoding(request.Encoding, out _, out var unknown))
        {
            throw new ImportFileException($"--encoding: {unknown}");
        }

        return File.Exists(request.FilePath) ? (entity, map) : throw new ImportFileException($"{request.FilePath}: file not found");
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
