using System.Text.Json.Nodes;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>An instance with its variables, journal, activity executions and incidents.</summary>
public sealed record InstanceDetailsResponse(
    InstanceSummaryResponse Instance,
    JsonNode? Variables,
    IReadOnlyList<JournalEntryResponse> Journal,
    IReadOnlyList<ActivityExecutionRecord> Executions,
    IReadOnlyList<IncidentResponse> Incidents);
