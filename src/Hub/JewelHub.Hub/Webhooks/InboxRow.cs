namespace JewelHub.Hub.Webhooks;

/// <summary>A verified delivery to be stored: what the vendor sent, as it sent it.</summary>
public sealed record InboxEntry(string Connector, string DeliveryId, string? Topic, string Headers, byte[] Body, DateTimeOffset ReceivedAt);

/// <summary>A delivery in the inbox and where its processing stands.</summary>
public sealed record InboxRow
{
    public required long Seq { get; init; }
    public required string Connector { get; init; }
    public required string DeliveryId { get; init; }
    public string? Topic { get; init; }
    /// <summary>The kept request headers as a JSON object.</summary>
    public required string Headers { get; init; }
    public required byte[] Body { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>pending, processed, ignored or dead (<see cref="InboxStatus"/>).</summary>
    public required string Status { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset NextAttemptAt { get; init; }
    /// <summary>Why the last attempt failed, or why the delivery was ignored.</summary>
    public string? LastError { get; init; }
    public DateTimeOffset? ProcessedAt { get; init; }
}

/// <summary>The states of an inbox row.</summary>
public static class InboxStatus
{
    public const string Pending = "pending";
    public const string Processed = "processed";
    public const string Ignored = "ignored";
    public const string Dead = "dead";
}

/// <summary>Which dead letters an operator means: every given condition must hold.</summary>
/// <param name="Connector">The connector id.</param>
/// <param name="Topic">The vendor topic.</param>
/// <param name="From">Received at or after.</param>
/// <param name="To">Received before.</param>
/// <param name="Reason">Text the failure reason contains.</param>
public sealed record DeadLetterFilter(string? Connector, string? Topic, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
