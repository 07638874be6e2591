using Dapper;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// The reads Elsa Studio's instance list and viewer need: filtered, ordered pages of instance summaries (without their
/// state), a filtered journal with each execution's inputs, one node's executions, one execution, and per-node counts.
/// </summary>
public sealed partial class WorkflowInstanceStore
{
    private const string SummaryColumns = """
        id, definition_id, definition_version_id, version, name, status, correlation_id, incident_count, created_at, updated_at, finished_at
        """;

    private const string ExecutionColumns = """
        id, instance_id, activity_id, node_id, activity_type, status, inputs, outputs, outcome, exception, started_at, completed_at
        """;

    /// <summary>A page of instance summaries matching the query, with the total count.</summary>
    public async Task<(IReadOnlyList<WorkflowInstanceSummary> Items, int TotalCount)> ListSummariesAsync(InstanceListQuery query, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { "1 = 1" };
        AddIf(where, query.DefinitionIds is { Count: > 0 }, () => "definition_id IN " + SqlLists.In(parameters, "DefinitionId", query.DefinitionIds!));
        AddIf(where, query.Statuses is { Count: > 0 }, () => "status IN " + SqlLists.In(parameters, "Status", [.. query.Statuses!.Select(s => s.ToString())]));
        AddIf(where, !string.IsNullOrEmpty(query.CorrelationId), "correlation_id = @CorrelationId");
        AddIf(where, query.Version is not null, "version = @Version");
        AddIf(where, query.HasIncidents == true, "incident_count > 0");
        AddIf(where, query.HasIncidents == false, "incident_count = 0");
        AddIf(where, !string.IsNullOrWhiteSpace(query.SearchTerm),
            "(LOWER(COALESCE(name, '')) LIKE @Search OR id = @SearchTerm OR correlation_id = @SearchTerm OR definition_id = @SearchTerm)");
        var order = query.OrderBy?.ToUpperInvariant() switch
        {
            "LASTEXECUTED" => "updated_at",
            "FINISHED" => "finished_at",
            "NAME" => "name",
            _ => "created_at",
        };
        var direction = query.Descending ? "DESC" : "ASC";
        var filter = string.Join(" AND ", where);
        var take = Math.Clamp(query.PageSize, 1, 1000);
        parameters.AddDynamicParams(new
        {
            query.CorrelationId,
            query.Version,
            query.SearchTerm,
            Search = $"%{query.SearchTerm?.ToLowerInvariant()}%",
            Take = take,
            Skip = Math.Max(query.Page, 0) * take,
        });
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<WorkflowInstanceSummary>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM workflow_instances WHERE {filter} ORDER BY {order} {direction}, id {direction} LIMIT @Take OFFSET @Skip",
            parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM workflow_instances WHERE {filter}", parameters, cancellationToken: cancellationToken));
        return (items.AsList(), (int)total);
    }

    /// <summary>A page of an instance's journal in order, filtered; each line carries its execution's evaluated inputs.</summary>
    public async Task<(IReadOnlyList<JournalRecord> Items, int TotalCount)> JournalAsync(
        string instanceId, JournalFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { InstanceId = instanceId, Skip = Math.Max(skip, 0), Take = Math.Clamp(take, 1, 10_000) });
        var where = new List<string> { "j.instance_id = @InstanceId" };
        AddIf(where, filter.NodeIds is { Count: > 0 }, () => "j.node_id IN " + SqlLists.In(parameters, "NodeId", filter.NodeIds!));
        AddIf(where, filter.ActivityIds is { Count: > 0 }, () => "j.activity_id IN " + SqlLists.In(parameters, "ActivityId", filter.ActivityIds!));
        AddIf(where, filter.ExcludedActivityTypes is { Count: > 0 },
            () => "(j.activity_type IS NULL OR j.activity_type NOT IN " + SqlLists.In(parameters, "Excluded", filter.ExcludedActivityTypes!) + ")");
        AddIf(where, filter.EventNames is { Count: > 0 }, () => "j.event_name IN " + SqlLists.In(parameters, "EventName", filter.EventNames!));
        var condition = string.Join(" AND ", where);
        var sql = $"""
            SELECT j.seq, j.instance_id, j.activity_execution_id, j.activity_id, j.node_id, j.activity_type, j.event_name, j.outcome, j.payload, j.at,
                   CASE WHEN j.event_name = 'Started' THEN NULL ELSE e.inputs END AS inputs
            FROM workflow_journal j LEFT JOIN workflow_activity_executions e ON e.id = j.activity_execution_id
            WHERE {condition} ORDER BY j.seq LIMIT @Take OFFSET @Skip
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<JournalRecord>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM workflow_journal j WHERE {condition}", parameters, cancellationToken: cancellationToken));
        return (items.AsList(), (int)total);
    }

    /// <summary>The executions of one node of an instance (every node when <paramref name="nodeId"/> is null), in the order they started.</summary>
    public async Task<IReadOnlyList<ActivityExecutionRecord>> ExecutionsOfNodeAsync(string instanceId, string? nodeId, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {ExecutionColumns} FROM workflow_activity_executions
            WHERE instance_id = @InstanceId AND (@NodeId IS NULL OR node_id = @NodeId) ORDER BY started_at, id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ActivityExecutionRecord>(new CommandDefinition(sql,
            new { InstanceId = instanceId, NodeId = nodeId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>One activity execution by its id, or null.</summary>
    public async Task<ActivityExecutionRecord?> FindExecutionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ActivityExecutionRecord>(new CommandDefinition(
            $"SELECT {ExecutionColumns} FROM workflow_activity_executions WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>How often each node of an instance started, completed, is still running (or waiting) and faulted.</summary>
    public async Task<IReadOnlyList<NodeExecutionStats>> ExecutionStatsAsync(string instanceId, IReadOnlyList<string>? nodeIds, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { InstanceId = instanceId });
        var nodeFilter = nodeIds is { Count: > 0 } ? "AND node_id IN " + SqlLists.In(parameters, "NodeId", nodeIds) : "";
        var sql = $"""
            SELECT node_id, MIN(activity_id) AS activity_id, COUNT(*) AS started,
                   SUM(CASE WHEN status = 'Completed' THEN 1 ELSE 0 END) AS completed,
                   SUM(CASE WHEN status = 'Running' THEN 1 ELSE 0 END) AS running,
                   SUM(CASE WHEN status = 'Faulted' THEN 1 ELSE 0 END) AS faulted
            FROM workflow_activity_executions WHERE instance_id = @InstanceId {nodeFilter} GROUP BY node_id ORDER BY node_id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<NodeExecutionStats>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    private static void AddIf(List<string> where, bool condition, string clause) => AddIf(where, condition, () => clause);

    private static void AddIf(List<string> where, bool condition, Func<string> clause)
    {
        if (condition)
        {
            where.Add(clause());
        }
    }
}

/// <summary>An instance list query: filters, order (Created, LastExecuted, Finished or Name) and a page counted from zero.</summary>
public sealed record InstanceListQuery
{
    public string? SearchTerm { get; init; }
    public IReadOnlyList<string>? DefinitionIds { get; init; }
    public string? CorrelationId { get; init; }
    public int? Version { get; init; }
    public bool? HasIncidents { get; init; }
    public IReadOnlyList<WorkflowStatus>? Statuses { get; init; }
    public string? OrderBy { get; init; }
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 10;
}

/// <summary>An instance without its variables and scheduler state.</summary>
public sealed record WorkflowInstanceSummary
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public required WorkflowStatus Status { get; init; }
    public string? CorrelationId { get; init; }
    public int IncidentCount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>Which journal lines to read; an empty or null list does not filter.</summary>
public sealed record JournalFilter
{
    public IReadOnlyList<string>? NodeIds { get; init; }
    public IReadOnlyList<string>? ActivityIds { get; init; }
    public IReadOnlyList<string>? ExcludedActivityTypes { get; init; }
    public IReadOnlyList<string>? EventNames { get; init; }
}

/// <summary>Execution counts of one node of an instance.</summary>
public sealed record NodeExecutionStats
{
    public required string NodeId { get; init; }
    public required string ActivityId { get; init; }
    public long Started { get; init; }
    public long Completed { get; init; }
    public long Running { get; init; }
    public long Faulted { get; init; }
}
