namespace JewelHub.Connectors;

/// <summary>A verified delivery as the inbox keeps it, handed to the connector's map.</summary>
/// <param name="ConnectorId">The connector it came to.</param>
/// <param name="DeliveryId">The vendor's delivery or event id.</param>
/// <param name="Topic">The vendor's topic, when known.</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="ReceivedAt">When the hub took it.</param>
public sealed record WebhookDelivery(string ConnectorId, string DeliveryId, string? Topic, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt);
