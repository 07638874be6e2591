using Dapper;
using JewelHub.Storage;

namespace JewelHub.Stores.Importing;

/// <summary>
/// Import jobs, their checkpoints, rejects and merge reports. A batch's rejects, merges and checkpoint are written in the
/// batch's own transaction (<see cref="CommitBatchAsync"/>), so a killed import resumes exactly after what committed.
/// </summary>
public sealed class ImportStore(Database db, TimeProvider clock)
{
    private const string Columns = """
        id, entity, map_id, file_name, file_path, file_sha256, status, live_effects, delimiter, encoding, last_row, total_rows, rows_read,
        inserted, updated, merged, unchanged, rejected, conflicts, error, created_at, updated_at, finished_at
        """;

    private const string Insert = """
        INSERT INTO import_jobs (id, entity, map_id, file_name, file_path, file_sha256, status, live_effects, delimiter, encoding,
            last_row, rows_read, inserted, updated, merged, unchanged, rejected, created_at, updated_at)
        VALUES (@Id, @Entity, @MapId, @FileName, @FilePath, @FileSha256, @Status, @LiveEffects, @Delimiter, @Encoding, 0, 0, 0, 0, 0, 0, 0, @Now, @Now)
        """;

    private const string SelectResumable = $"""
        SELECT {Columns} FROM import_jobs
        WHERE entity = @Entity AND map_id = @MapId AND file_sha256 = @FileSha256 AND status <> 'Completed'
        ORDER BY created_at DESC LIMIT 1
        """;

    private const string SelectById = $"SELECT {Columns} FROM import_jobs WHERE id = @Id";

    private const string SelectUnfinished = $"SELECT {Columns} FROM import_jobs WHERE status IN ('Queued', 'Running') ORDER BY created_at, id";

    // Ends a run: only the runner that holds the claim may, and the claim goes with it.
    private const string Finish = """
        UPDATE import_jobs SET status = @Status, error = @Error, updated_at = @Now, finished_at = @Now, total_rows = COALESCE(@TotalRows, total_rows),
            runner_id = NULL, runner_until = NULL
        WHERE id = @Id AND runner_id = @Runner
        """;

    // A job not completed is taken when nobody holds it or its holder's claim has lapsed; taking it makes it Running.
    private const string Claim = """
        UPDATE import_jobs SET status = 'Running', error = NULL, finished_at = NULL, runner_id = @Runner, runner_until = @Until, updated_at = @Now
        WHERE id = @Id AND status <> 'Completed' AND (runner_id IS NULL OR runner_until IS NULL OR runner_until < @Now OR runner_id = @Dead)
        """;

    private const string SelectHolder = "SELECT runner_id FROM import_jobs WHERE id = @Id";

    private const string LetGo = "UPDATE import_jobs SET runner_id = NULL, runner_until = NULL WHERE id = @Id AND runner_id = @Runner";

    private const string Checkpoint = """
        UPDATE import_jobs
        SET last_row = @LastRow, rows_read = rows_read + @Read, inserted = inserted + @Inserted, updated = updated + @Updated,
            merged = merged + @Merged, unchanged = unchanged + @Unchanged, rejected = rejected + @Rejected, conflicts = conflicts + @Conflicts, updated_at = @Now,
            runner_until = @Until
        WHERE id = @Id AND runner_id = @Runner
        """;

    private const string InsertReject = """
        INSERT INTO import_rejects (job_id, row_number, column_name, reason, raw) VALUES (@JobId, @RowNumber, @Column, @Reason, @Raw)
        """;

    private const string InsertMerge = """
        INSERT INTO import_merges (job_id, row_number, external_id, customer_id, matched_on)
        VALUES (@JobId, @RowNumber, @ExternalId, @CustomerId, @MatchedOn)
        """;

    private const string SelectRejects = "SELECT row_number, column_name, reason, raw FROM import_rejects WHERE job_id = @Id ORDER BY row_number";
    private const string SelectMerges = "SELECT row_number, external_id, customer_id, matched_on FROM import_merges WHERE job_id = @Id ORDER BY row_number";

    /// <summary>
    /// The unfinished job for this entity, map and file content (to resume), or a new one. A file that was imported to
    /// the end starts a new job; idempotent writes make that run change nothing.
    /// </summary>
    public async Task<ImportJob> StartAsync(ImportJobStart start, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var existing = await unit.Connection.QuerySingleOrDefaultAsync<ImportJob>(unit.Command(SelectResumable, start, cancellationToken));
        var id = existing?.Id ?? Guid.NewGuid().ToString();
        if (existing is null)
        {
            await unit.Connection.ExecuteAsync(unit.Command(Insert, new
            {
                Id = id,
                start.Entity,
                start.MapId,
                start.FileName,
                start.FilePath,
                start.FileSha256,
                Status = start.Status.ToString(),
                start.LiveEffects,
                start.Delimiter,
                start.Encoding,
                Now = clock.GetUtcNow(),
            }, cancellationToken));
        }

        var job = await unit.Connection.QuerySingleAsync<ImportJob>(unit.Command(SelectById, new { Id = id }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>The job with this id, or null.</summary>
    public async Task<ImportJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ImportJob>(new CommandDefinition(SelectById, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>Jobs that were queued or running when their process stopped, oldest first.</summary>
    public async Task<IReadOnlyList<ImportJob>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ImportJob>(new CommandDefinition(SelectUnfinished, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Takes the job for <paramref name="runner"/> until <paramref name="claim"/> from now, and marks it Running. False when
    /// the job is completed or another runner's claim on it has not lapsed: that runner is importing it. A claim held
    /// by <paramref name="deadHolder"/> (a runner known to have died) is taken over at once.
    /// </summary>
    public async Task<bool> ClaimAsync(string id, string runner, TimeSpan claim, CancellationToken cancellationToken, string? deadHolder = null)
    {
        var now = clock.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var claimed = await unit.Connection.ExecuteAsync(unit.Command(Claim, new { Id = id, Runner = runner, Until = now + claim, Now = now, Dead = deadHolder },
            cancellationToken)) == 1;
        await unit.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>The runner holding the job (it may have lapsed), or null.</summary>
    public async Task<string?> HolderAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectHolder, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>Lets the job go (a cancelled or stopped run), so that the next runner need not wait for the claim to lapse.</summary>
    public async Task LetGoAsync(string id, string runner, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await unit.Connection.ExecuteAsync(unit.Command(LetGo, new { Id = id, Runner = runner }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>Marks the job completed or failed and lets it go; nothing changes unless <paramref name="runner"/> holds it.</summary>
    public async Task FinishAsync(string id, string runner, ImportStatus status, string? error, long? totalRows, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await unit.Connection.ExecuteAsync(unit.Command(Finish, new
        {
            Id = id,
            Runner = runner,
            Status = status.ToString(),
            Error = error,
            Now = clock.GetUtcNow(),
            TotalRows = totalRows,
        }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records a batch's rejects, merges and counts and moves the checkpoint, inside the batch's transaction, renewing
    /// <paramref name="runner"/>'s claim for <paramref name="claim"/>. Throws <see cref="ImportClaimLostException"/>,
    /// before anything of the batch commits, when the runner no longer holds the job.
    /// </summary>
    public async Task CommitBatchAsync(
        UnitOfWork unit, string jobId, string runner, TimeSpan claim, long lastRow, ImportCounts counts,
        IReadOnlyList<ImportReject> rejects, IReadOnlyList<ImportMerge> merges, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (rejects.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertReject,
                rejects.Select(r => new { JobId = jobId, r.RowNumber, r.Column, r.Reason, r.Raw }), transaction, cancellationToken: cancellationToken));
        }

        if (merges.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertMerge,
                merges.Select(m => new { JobId = jobId, m.RowNumber, m.ExternalId, m.CustomerId, m.MatchedOn }), transaction, cancellationToken: cancellationToken));
        }

        var now = clock.GetUtcNow();
        var moved = await connection.ExecuteAsync(new CommandDefinition(Checkpoint, new
        {
            Id = jobId,
            Runner = runner,
            Until = now + claim,
            LastRow = lastRow,
            counts.Read,
            counts.Inserted,
            counts.Updated,
            counts.Merged,
            counts.Unchanged,
            counts.Rejected,
            counts.Conflicts,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        if (moved != 1)
        {
            throw new ImportClaimLostException(jobId);
        }
    }

    /// <summary>The job's rejects in row order.</summary>
    public async Task<IReadOnlyList<ImportRejectRow>> RejectsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ImportRejectRow>(new CommandDefinition(SelectRejects, new { Id = id }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The job's merge report in row order.</summary>
    public async Task<IReadOnlyList<ImportMergeRow>> MergesAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ImportMergeRow>(new CommandDefinition(SelectMerges, new { Id = id }, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>What identifies an import: entity, map and the file's content hash.</summary>
/// <summary>A job to start. <paramref name="Delimiter"/> null: detected from the header; the encoding is a .NET encoding name.</summary>
public sealed record ImportJobStart(
    string Entity, string MapId, string FileName, string FilePath, string FileSha256, bool LiveEffects, ImportStatus Status, string? Delimiter = null,
    string Encoding = "utf-8");
