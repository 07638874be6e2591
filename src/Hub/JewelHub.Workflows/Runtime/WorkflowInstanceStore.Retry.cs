using Dapper;

namespace JewelHub.Workflows.Runtime;

/// <summary>Which faulted instances a bulk retry takes: given ids, or all of a definition, an incident type, a time window.</summary>
public sealed record RetryFilter
{
    public IReadOnlyList<string>? InstanceIds { get; init; }
    public string? DefinitionId { get; init; }

    /// <summary>The kind of an open incident (ActivityFault, DatabaseError, ScriptLimit, ...).</summary>
    public string? IncidentType { get; init; }

    /// <summary>Only instances whose open incident happened at or after this.</summary>
    public DateTimeOffset? FaultedFrom { get; init; }

    /// <summary>Only instances whose open incident happened before this.</summary>
    public DateTimeOffset? FaultedTo { get; init; }
}

/// <summary>Selecting the faulted instances a bulk retry takes.</summary>
public sealed partial class WorkflowInstanceStore
{
    /// <summary>The Faulted instances the filter takes, oldest incident first.</summary>
    public async Task<IReadOnlyList<string>> FaultedAsync(RetryFilter filter, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT i.id AS InstanceId, i.definition_id AS DefinitionId, x.exception_type AS IncidentType, x.at AS At
            FROM workflow_instances i
            JOIN workflow_incidents x ON x.instance_id = i.id AND x.resolved_at IS NULL
            WHERE i.status = 'Faulted'
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FaultedRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        var ids = filter.InstanceIds is { } given ? new HashSet<string>(given, StringComparer.Ordinal) : null;
        return [.. rows
            .Where(r => ids is null || ids.Contains(r.InstanceId))
            .Where(r => filter.DefinitionId is null || r.DefinitionId == filter.DefinitionId)
            .Where(r => filter.IncidentType is null || string.Equals(r.IncidentType, filter.IncidentType, StringComparison.OrdinalIgnoreCase))
            .Where(r => filter.FaultedFrom is not { } from || r.At >= from)
            .Where(r => filter.FaultedTo is not { } to || r.At < to)
            .OrderBy(r => r.At).ThenBy(r => r.InstanceId, StringComparer.Ordinal)
            .Select(r => r.InstanceId)
            .Distinct(StringComparer.Ordinal)];
    }

    private sealed record FaultedRow
    {
        public required string InstanceId { get; init; }
        public required string DefinitionId { get; init; }
        public required string IncidentType { get; init; }
        public DateTimeOffset At { get; init; }
    }
}
