using Dapper;

namespace JewelHub.Workflows.Runtime;

/// <summary>Reads of instances, their journal, activity executions and incidents.</summary>
public sealed partial class WorkflowInstanceStore
{
    private const string SelectInstance = $"SELECT {InstanceColumns} FROM workflow_instances WHERE id = @Id";

    /// <summary>One instance, or null.</summary>
    public async Task<WorkflowInstance?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WorkflowInstance>(new CommandDefinition(SelectInstance, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>A page of instances, newest first, optionally of one definition and/or status; with the total count.</summary>
    public async Task<(IReadOnlyList<WorkflowInstance> Items, int TotalCount)> ListAsync(
        string? definitionId, WorkflowStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        const string Filter = """
            FROM workflow_instances WHERE (@DefinitionId IS NULL OR definition_id = @DefinitionId) AND (@Status IS NULL OR status = @Status)
            """;
        var parameters = new { DefinitionId = definitionId, Status = status?.ToString(), Skip = Math.Max(skip, 0), Take = Math.Clamp(take, 1, 1000) };
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<WorkflowInstance>(new CommandDefinition(
            $"SELECT {InstanceColumns} {Filter} ORDER BY created_at DESC, id LIMIT @Take OFFSET @Skip", parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) {Filter}", parameters, cancellationToken: cancellationToken));
        return (items.AsList(), (int)total);
    }

    /// <summary>The journal of an instance in order.</summary>
    public async Task<IReadOnlyList<JournalRecord>> JournalAsync(string instanceId, int skip, int take, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT seq, instance_id, activity_execution_id, activity_id, node_id, activity_type, event_name, outcome, payload, at
            FROM workflow_journal WHERE instance_id = @InstanceId ORDER BY seq LIMIT @Take OFFSET @Skip
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<JournalRecord>(new CommandDefinition(Sql,
            new { InstanceId = instanceId, Skip = Math.Max(skip, 0), Take = Math.Clamp(take, 1, 10_000) }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The activity executions of an instance in the order they started.</summary>
    public async Task<IReadOnlyList<ActivityExecutionRecord>> ExecutionsAsync(string instanceId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT id, instance_id, activity_id, node_id, activity_type, status, inputs, outputs, outcome, exception, started_at, completed_at
            FROM workflow_activity_executions WHERE instance_id = @InstanceId ORDER BY started_at, id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ActivityExecutionRecord>(new CommandDefinition(Sql, new { InstanceId = instanceId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The incidents of an instance.</summary>
    public async Task<IReadOnlyList<IncidentRecord>> IncidentsAsync(string instanceId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT id, instance_id, activity_id, activity_execution_id, exception_type, message, details, at, resolved_at
            FROM workflow_incidents WHERE instance_id = @InstanceId ORDER BY at
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<IncidentRecord>(new CommandDefinition(Sql, new { InstanceId = instanceId }, cancellationToken: cancellationToken))).AsList();
    }
}
