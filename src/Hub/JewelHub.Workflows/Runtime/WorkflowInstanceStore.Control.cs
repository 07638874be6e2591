using Dapper;

namespace JewelHub.Workflows.Runtime;

/// <summary>Operator actions on instances: cancel and retry from the failed activity, both journaled.</summary>
public sealed partial class WorkflowInstanceStore
{
    private const string Cancel = """
        UPDATE workflow_instances SET status = 'Cancelled', lease_id = NULL, lease_until = NULL, updated_at = @At, finished_at = @At
        WHERE id = @InstanceId AND status IN ('Running', 'Suspended', 'Faulted');
        """;

    private const string CancelWaits = """
        DELETE FROM workflow_bookmarks WHERE instance_id = @InstanceId;
        UPDATE workflow_timers SET fired = TRUE WHERE instance_id = @InstanceId AND fired = FALSE;
        """;

    private const string Retry = """
        UPDATE workflow_instances SET status = 'Running', lease_id = @LeaseId, lease_until = @LeaseUntil, updated_at = @At
        WHERE id = @InstanceId AND status = 'Faulted'
        """;

    private const string ResolveIncidents = "UPDATE workflow_incidents SET resolved_at = @At WHERE instance_id = @InstanceId AND resolved_at IS NULL";

    private const string JournalControl = """
        INSERT INTO workflow_journal (instance_id, event_name, payload, at) VALUES (@InstanceId, @EventName, @Payload, @At)
        """;

    /// <summary>Cancels a Running, Suspended or Faulted instance: its bookmarks and timers go, a running step stops at its next commit.</summary>
    public async Task<bool> CancelAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await connection.ExecuteAsync(new CommandDefinition(Cancel, new { InstanceId = instanceId, At = at }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(CancelWaits, new { InstanceId = instanceId }, transaction, cancellationToken: cancellationToken));
        var payload = System.Text.Json.JsonSerializer.Serialize(new { reason });
        await connection.ExecuteAsync(new CommandDefinition(JournalControl,
            new { InstanceId = instanceId, EventName = "Cancelled", Payload = payload, At = at }, transaction, cancellationToken: cancellationToken));
        await unit.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Makes a Faulted instance Running again from the failed activity (same execution id); returns the lease, or null when not Faulted.</summary>
    public async Task<string?> RetryAsync(string instanceId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var lease = NewLeaseId();
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await connection.ExecuteAsync(new CommandDefinition(Retry,
                new { InstanceId = instanceId, LeaseId = lease, LeaseUntil = at + leaseDuration, At = at }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(ResolveIncidents, new { InstanceId = instanceId, At = at }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(JournalControl,
            new { InstanceId = instanceId, EventName = "Retried", Payload = (string?)null, At = at }, transaction, cancellationToken: cancellationToken));
        await unit.CommitAsync(cancellationToken);
        return lease;
    }
}
