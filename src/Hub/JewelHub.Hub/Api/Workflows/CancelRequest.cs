namespace JewelHub.Hub.Api.Workflows;

/// <summary>POST /api/workflows/instances/{id}/cancel.</summary>
public sealed record CancelRequest
{
    public string? Reason { get; init; }
}
