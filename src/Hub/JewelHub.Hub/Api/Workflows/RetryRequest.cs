using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>
/// POST /api/workflows/instances/retry: which Faulted instances to retry, by ids or by definition, incident type and
/// the time their incident happened; at least one is needed. Criteria given together must all hold.
/// </summary>
public sealed record RetryRequest
{
    public IReadOnlyList<string>? InstanceIds { get; init; }
    public string? DefinitionId { get; init; }

    /// <summary>The type of the open incident, e.g. ActivityFault or DatabaseError.</summary>
    public string? IncidentType { get; init; }

    /// <summary>Instances whose incident happened at or after this.</summary>
    public DateTimeOffset? FaultedFrom { get; init; }

    /// <summary>Instances whose incident happened before this.</summary>
    public DateTimeOffset? FaultedTo { get; init; }

    public RetryFilter ToFilter() => new()
    {
        InstanceIds = InstanceIds,
        DefinitionId = DefinitionId,
        IncidentType = IncidentType,
        FaultedFrom = FaultedFrom,
        FaultedTo = FaultedTo,
    };
}

/// <summary>What a bulk retry did: each instance retried with the status it reached.</summary>
public sealed record RetryResponse(IReadOnlyList<RetriedInstanceResponse> Retried);

/// <summary>An instance a bulk retry retried, and its status after the retry's run.</summary>
public sealed record RetriedInstanceResponse(string InstanceId, string Status);
