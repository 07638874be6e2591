using System.Data.Common;
using Dapper;
using JewelHub.Storage;
using JewelHub.Storage.Units;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Durable instance state in the hub schema. Every write of a run goes through <see cref="CommitAsync"/>, which is
/// fenced by the run's lease id, so a runner that lost its instance can never overwrite a newer state.
/// </summary>
public sealed partial class WorkflowInstanceStore(Database db, TimeProvider clock)
{
    internal const string InstanceColumns = """
        id, definition_id, definition_version_id, version, name, status, correlation_id, variables, state, trigger_event,
        lease_id, lease_until, incident_count, created_at, updated_at, finished_at
        """;

    private const string InsertInstance = $"""
        INSERT INTO hub.workflow_instances ({InstanceColumns})
        VALUES (@Id, @DefinitionId, @DefinitionVersionId, @Version, @Name, @Status, @CorrelationId, @Variables, @State, @TriggerEvent,
                @LeaseId, @LeaseUntil, @IncidentCount, @CreatedAt, @UpdatedAt, @FinishedAt)
        """;

    // PostgreSQL: the (event, definition) effect row and, only when it is new, the instance, in one statement. A
    // concurrent start for the same event waits on the effect row's key and then inserts nothing. A SELECT list gives a
    // null parameter no column type, hence the casts of the nullable timestamps.
    private const string InsertInstanceForEvent = $"""
        WITH effect AS (
            INSERT INTO hub.workflow_event_effects (event_seq, target, at) VALUES (@EventSeq, @DefinitionId, @At)
            ON CONFLICT DO NOTHING RETURNING event_seq)
        INSERT INTO hub.workflow_instances ({InstanceColumns})
        SELECT @Id, @DefinitionId, @DefinitionVersionId, @Version, @Name, @Status, @CorrelationId, @Variables, @State, @TriggerEvent,
               @LeaseId, @LeaseUntil::timestamptz, @IncidentCount, @CreatedAt, @UpdatedAt, @FinishedAt::timestamptz
        FROM effect
        """;

    internal const string InsertEventEffect = """
        INSERT INTO hub.workflow_event_effects (event_seq, target, at) VALUES (@EventSeq, @Target, @At) ON CONFLICT DO NOTHING
        """;

    private const string UpdateInstance = """
        UPDATE hub.workflow_instances
        SET status = @Status, variables = @Variables, state = @State, lease_id = @NewLeaseId, lease_until = @LeaseUntil,
            incident_count = incident_count + @NewIncidents, updated_at = @At, finished_at = @FinishedAt
        WHERE id = @InstanceId AND lease_id = @LeaseId AND status = 'Running'
        RETURNING id
        """;

    // The same update where its answer cannot be read before the commit (it travels with the COMMIT): a run that no longer
    // holds the instance makes it raise LeaseLostSqlState, which stops everything of the transaction from committing.
    private const string UpdateInstanceOrRaise = $"""
        WITH fenced AS ({UpdateInstance})
        SELECT hub.require_lease((SELECT count(*) FROM fenced), @InstanceId)
        """;

    /// <summary>The SQLSTATE PostgreSQL raises when a run's held instance update finds the run no longer holds the instance.</summary>
    internal const string LeaseLostSqlState = "JH409";

    private const string InsertJournal = """
        INSERT INTO hub.workflow_journal (instance_id, activity_execution_id, activity_id, node_id, activity_type, event_name, outcome, payload, at)
        VALUES (@InstanceId, @ActivityExecutionId, @ActivityId, @NodeId, @ActivityType, @EventName, @Outcome, @Payload, @At)
        """;

    private const string UpsertExecution = """
        INSERT INTO hub.workflow_activity_executions (id, instance_id, activity_id, node_id, activity_type, status, inputs, outputs, outcome, exception, started_at, completed_at)
        VALUES (@Id, @InstanceId, @ActivityId, @NodeId, @ActivityType, @Status, @Inputs, @Outputs, @Outcome, @Exception, @StartedAt, @CompletedAt)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, inputs = excluded.inputs, outputs = excluded.outputs,
            outcome = excluded.outcome, exception = excluded.exception, completed_at = excluded.completed_at
        """;

    private const string InsertBookmark = """
        INSERT INTO hub.workflow_bookmarks (id, instance_id, activity_execution_id, activity_id, name, correlation, created_at)
        VALUES (@Id, @InstanceId, @ActivityExecutionId, @ActivityId, @Name, @Correlation, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertTimer = """
        INSERT INTO hub.workflow_timers (id, instance_id, activity_execution_id, bookmark_id, due_at, fired)
        VALUES (@Id, @InstanceId, @ActivityExecutionId, @BookmarkId, @DueAt, @Fired)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertIncident = """
        INSERT INTO hub.workflow_incidents (id, instance_id, activity_id, activity_execution_id, exception_type, message, details, at)
        VALUES (@Id, @InstanceId, @ActivityId, @ActivityExecutionId, @ExceptionType, @Message, @Details, @At)
        """;

    // A flow that reached End no longer waits on the bookmarks of its other branches.
    private const string DropWaits = """
        DELETE FROM hub.workflow_bookmarks WHERE instance_id = @InstanceId;
        UPDATE hub.workflow_timers SET fired = TRUE WHERE instance_id = @InstanceId AND fired = FALSE;
        """;

    private const string ClaimExpired = """
        UPDATE hub.workflow_instances SET lease_id = @NewLeaseId, lease_until = @LeaseUntil
        WHERE id = @Id AND status = 'Running' AND (lease_until IS NULL OR lease_until < @Now)
        """;

    private const string SelectExpired = """
        SELECT id FROM hub.workflow_instances WHERE status = 'Running' AND (lease_until IS NULL OR lease_until < @Now) ORDER BY updated_at LIMIT @Take
        """;

    /// <summary>
    /// Creates a Running instance leased to the caller. With <paramref name="eventSeq"/> the start is recorded as the
    /// event's one effect on the definition; a second start for the same (event, definition) creates nothing and returns false.
    /// </summary>
    public async Task<bool> CreateAsync(WorkflowInstance instance, long? eventSeq, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var row = InstanceRow(instance);
        if (eventSeq is not { } seq)
        {
            await new MultiRowInsert.Batch().AddStatement(db.Sql(InsertInstance), row).ExecuteAndCommitAsync(connection, transaction, cancellationToken);
            return true;
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            // One round trip: the effect row, the instance only when the effect row is new, and the COMMIT.
            row["EventSeq"] = seq;
            row["At"] = clock.GetUtcNow();
            return await new MultiRowInsert.Batch().AddStatement(InsertInstanceForEvent, row).ExecuteAndCommitAsync(connection, transaction, cancellationToken) == 1;
        }

        if (!await RecordEventEffectAsync(connection, transaction, seq, instance.DefinitionId, cancellationToken))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(db.Sql(InsertInstance), new DynamicParameters(row), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Writes one step of a run. Throws <see cref="LeaseLostException"/> when the run no longer holds the instance.</summary>
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, cancellationToken);
        var keepsLease = commit.Status == WorkflowStatus.Running;

        // In a run's unit of work on PostgreSQL the step's rows wait for the unit's COMMIT and go with it in one round
        // trip; the lease fence then raises instead of answering (see LeaseLostSqlState).
        var held = UnitOfWork.HoldNext(connection);

        // One round trip for the whole step: the instance's row first (fenced by the lease: it answers its id only when
        // this run still holds it), then the step's rows. One row per execution: a step that started and finished within
        // this commit leaves its last state.
        var executions = commit.Executions.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var rows = new MultiRowInsert.Batch()
            .AddStatement(db.Sql(held ? UpdateInstanceOrRaise : UpdateInstance), new Dictionary<string, object?>
            {
                ["InstanceId"] = commit.InstanceId,
                ["LeaseId"] = commit.LeaseId,
                ["Status"] = commit.Status.ToString(),
                ["Variables"] = commit.Variables,
                ["State"] = commit.State,
                ["NewLeaseId"] = keepsLease ? commit.LeaseId : null,
                ["LeaseUntil"] = keepsLease ? commit.LeaseUntil : null,
                ["NewIncidents"] = commit.Incidents.Count,
                ["At"] = clock.GetUtcNow(),
                ["FinishedAt"] = commit.FinishedAt,
            })
            .Add(db.Sql(InsertJournal), commit.Journal)
            .Add(db.Sql(UpsertExecution), executions)
            .Add(db.Sql(InsertBookmark), commit.Bookmarks)
            .Add(db.Sql(InsertTimer), commit.Timers)
            .Add(db.Sql(InsertIncident), commit.Incidents);
        if (commit.Status == WorkflowStatus.Finished)
        {
            rows.AddStatement(db.Sql(DropWaits), new Dictionary<string, object?> { ["InstanceId"] = commit.InstanceId });
        }

        if (held)
        {
            await rows.ExecuteAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            commit.Clear();
            return;
        }

        if (await rows.ExecuteScalarAsync<string>(connection, transaction, cancellationToken) is null)
        {
            // Nothing of the step commits: the transaction (or the run's unit) is rolled back.
            throw new LeaseLostException($"Workflow instance {commit.InstanceId} is no longer held by this run.");
        }

        await transaction.CommitAsync(cancellationToken);
        commit.Clear();
    }

    /// <summary>Running instances whose lease expired: their runner died (crash, kill) or never started.</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(db.Sql(SelectExpired),
            new { Now = clock.GetUtcNow(), Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Takes over a Running instance whose lease expired; returns the new lease id, or null when another runner holds it.</summary>
    public async Task<string?> ClaimExpiredAsync(string instanceId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var lease = NewLeaseId();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(db.Sql(ClaimExpired),
            new { Id = instanceId, NewLeaseId = lease, LeaseUntil = now + leaseDuration, Now = now }, cancellationToken: cancellationToken));
        return claimed == 1 ? lease : null;
    }

    /// <summary>A new random lease id.</summary>
    public static string NewLeaseId() => Guid.NewGuid().ToString("N");

    private static Dictionary<string, object?> InstanceRow(WorkflowInstance instance) => new()
    {
        ["Id"] = instance.Id,
        ["DefinitionId"] = instance.DefinitionId,
        ["DefinitionVersionId"] = instance.DefinitionVersionId,
        ["Version"] = instance.Version,
        ["Name"] = instance.Name,
        ["Status"] = instance.Status.ToString(),
        ["CorrelationId"] = instance.CorrelationId,
        ["Variables"] = instance.Variables,
        ["State"] = instance.State,
        ["TriggerEvent"] = instance.TriggerEvent,
        ["LeaseId"] = instance.LeaseId,
        ["LeaseUntil"] = instance.LeaseUntil,
        ["IncidentCount"] = instance.IncidentCount,
        ["CreatedAt"] = instance.CreatedAt,
        ["UpdatedAt"] = instance.UpdatedAt,
        ["FinishedAt"] = instance.FinishedAt,
    };

    internal async Task<bool> RecordEventEffectAsync(DbConnection connection, DbTransaction transaction, long eventSeq, string target, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(db.Sql(InsertEventEffect),
            new { EventSeq = eventSeq, Target = target, At = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
}
