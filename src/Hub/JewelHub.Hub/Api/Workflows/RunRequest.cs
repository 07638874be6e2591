using System.Text.Json.Nodes;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>POST /api/workflows/definitions/{definitionId}/run: the input (the trigger's event data) and initial variables.</summary>
public sealed record RunRequest
{
    public JsonObject? Input { get; init; }
    public JsonObject? Variables { get; init; }
    public string? CorrelationId { get; init; }
}
