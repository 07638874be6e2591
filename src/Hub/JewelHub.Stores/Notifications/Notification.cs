namespace JewelHub.Stores.Notifications;

/// <summary>Whether a notification goes out: Queued for the sender, or Suppressed because the customer did not consent.</summary>
public enum NotificationStatus
{
    Queued,
    Suppressed,
}

/// <summary>A notification a workflow asked for.</summary>
public sealed record Notification
{
    public required string Id { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string Template { get; init; }
    public required string Recipient { get; init; }
    public required string Channel { get; init; }
    public required bool ConsentOk { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The facts the template is filled with, as a JSON object; null when the sender gave none.</summary>
    public string? Data { get; init; }
}
