using Dapper;
using JewelHub.Storage;

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
        INSERT INTO workflow_instances ({InstanceColumns})
        VALUES (@Id, @DefinitionId, @DefinitionVersionId, @Version, @Name, @Status, @CorrelationId, @Variables, @State, @TriggerEvent,
                @LeaseId, @LeaseUntil, @IncidentCount, @CreatedAt, @UpdatedAt, @FinishedAt)
        """;

    internal const string InsertEventEffect = """
        INSERT INTO workflow_event_effects (event_seq, target, at) VALUES (@EventSeq, @Target, @At) ON CONFLICT DO NOTHING
        """;

    private const string UpdateInstance = """
        UPDATE workflow_instances
        SET status = @Status, variables = @Variables, state = @State, lease_id = @NewLeaseId, lease_until = @LeaseUntil,
            incident_count = incident_count + @NewIncidents, updated_at = @At, finished_at = @FinishedAt
        WHERE id = @InstanceId AND lease_id = @LeaseId AND status = 'Running'
        RETURNING id
        """;

    private const string InsertJournal = """
        INSERT INTO workflow_journal (instance_id, activity_execution_id, activity_id, node_id, activity_type, event_name, outcome, payload, at)
        VALUES (@InstanceId, @ActivityExecutionId, @ActivityId, @NodeId, @ActivityType, @EventName, @Outcome, @Payload, @At)
        """;

    private const string UpsertExecution = """
        INSERT INTO workflow_activity_executions (id, instance_id, activity_id, node_id, activity_type, status, inputs, outputs, outcome, exception, started_at, completed_at)
        VALUES (@Id, @InstanceId, @ActivityId, @NodeId, @ActivityType, @Status, @Inputs, @Outputs, @Outcome, @Exception, @StartedAt, @CompletedAt)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, inputs = excluded.inputs, outputs = excluded.outputs,
            outcome = excluded.outcome, exception = excluded.exception, completed_at = excluded.completed_at
        """;

    private const string InsertBookmark = """
        INSERT INTO workflow_bookmarks (id, instance_id, activity_execution_id, activity_id, name, correlation, created_at)
        VALUES (@Id, @InstanceId, @ActivityExecutionId, @ActivityId, @Name, @Correlation, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertTimer = """
        INSERT INTO workflow_timers (id, instance_id, activity_execution_id, bookmark_id, due_at, fired)
        VALUES (@Id, @InstanceId, @ActivityExecutionId, @BookmarkId, @DueAt, @Fired)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertIncident = """
        INSERT INTO workflow_incidents (id, instance_id, activity_id, activity_execution_id, exception_type, message, details, at)
        VALUES (@Id, @InstanceId, @ActivityId, @ActivityExecutionId, @ExceptionType, @Message, @Details, @At)
        """;

    // A flow that reached End no longer waits on the bookmarks of its other branches.
    private const string DropBookmarks = "DELETE FROM workflow_bookmarks WHERE instance_id = @InstanceId";

    private const string DropTimers = "UPDATE workflow_timers SET fired = TRUE WHERE instance_id = @InstanceId AND fired = FALSE";

    private const string ClaimExpired = """
        UPDATE workflow_instances SET lease_id = @NewLeaseId, lease_until = @LeaseUntil
        WHERE id = @Id AND status = 'Running' AND (lease_until IS NULL OR lease_until < @Now)
        """;

    private const string SelectExpired = """
        SELECT id FROM workflow_instances WHERE status = 'Running' AND (lease_until IS NULL OR lease_until < @Now) ORDER BY updated_at LIMIT @Take
        """;

    /// <summary>
    /// Creates a Running instance leased to the caller, in a unit of its own. With <paramref name="eventSeq"/> the start
    /// is recorded as the event's one effect on the definition; a second start for the same (event, definition) creates
    /// nothing and returns false.
    /// </summary>
    public async Task<bool> CreateAsync(WorkflowInstance instance, long? eventSeq, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        if (eventSeq is { } seq && !await RecordEventEffectAsync(unit, seq, instance.DefinitionId, cancellationToken))
        {
            return false;
        }

        // The instance row and the COMMIT in one round trip.
        await unit.CommitAsync(new SqlBatch().Add(InsertInstance, InstanceRow(instance)), cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes one step of a run in <paramref name="unit"/>: the step's journal, executions, bookmarks, timers and
    /// incidents, and last the instance's row, fenced by the run's lease. Throws <see cref="LeaseLostException"/> when the
    /// run no longer holds the instance: the caller then rolls the unit back, and nothing of the step commits.
    /// </summary>
    public async Task WriteStepAsync(UnitOfWork unit, InstanceCommit commit, CancellationToken cancellationToken)
    {
        var keepsLease = commit.Status == WorkflowStatus.Running;

        // One row per execution: a step that started and finished within this commit leaves its last state.
        var executions = commit.Executions.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var rows = new SqlBatch()
            .AddEach(InsertJournal, commit.Journal)
            .AddEach(UpsertExecution, executions)
            .AddEach(InsertBookmark, commit.Bookmarks)
            .AddEach(InsertTimer, commit.Timers)
            .AddEach(InsertIncident, commit.Incidents);
        if (commit.Status == WorkflowStatus.Finished)
        {
            var instance = new { commit.InstanceId };
            rows.Add(DropBookmarks, instance).Add(DropTimers, instance);
        }

        // The instance's row answers its id only when this run still holds it.
        rows.Add(UpdateInstance, new
        {
            commit.InstanceId,
            commit.LeaseId,
            Status = commit.Status.ToString(),
            commit.Variables,
            commit.State,
            NewLeaseId = keepsLease ? commit.LeaseId : null,
            LeaseUntil = keepsLease ? commit.LeaseUntil : null,
            NewIncidents = commit.Incidents.Count,
            At = clock.GetUtcNow(),
            commit.FinishedAt,
        });
        if (await unit.QueryAsync<string>(rows, cancellationToken) is not [_])
        {
            throw new LeaseLostException($"Workflow instance {commit.InstanceId} is no longer held by this run.");
        }

        commit.Clear();
    }

    /// <summary>Writes one step of a run in a unit of its own (<see cref="WriteStepAsync"/>) and commits it.</summary>
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await WriteStepAsync(unit, commit, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>Running instances whose lease expired: their runner died (crash, kill) or never started.</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(SelectExpired,
            new { Now = clock.GetUtcNow(), Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Takes over a Running instance whose lease expired; returns the new lease id, or null when another runner holds it.</summary>
    public async Task<string?> ClaimExpiredAsync(string instanceId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var lease = NewLeaseId();
        var now = clock.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var claimed = await unit.Connection.ExecuteAsync(unit.Command(ClaimExpired,
            new { Id = instanceId, NewLeaseId = lease, LeaseUntil = now + leaseDuration, Now = now }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
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

    /// <summary>Records the event's one effect on a target (a definition started, an instance resumed); false when it already happened.</summary>
    internal async Task<bool> RecordEventEffectAsync(UnitOfWork unit, long eventSeq, string target, CancellationToken cancellationToken) =>
        await unit.Connection.ExecuteAsync(unit.Command(InsertEventEffect,
            new { EventSeq = eventSeq, Target = target, At = clock.GetUtcNow() }, cancellationToken)) == 1;
}
