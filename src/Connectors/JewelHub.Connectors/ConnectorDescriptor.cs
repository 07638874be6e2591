namespace JewelHub.Connectors;

/// <summary>What a connector is: its stable id (e.g. "shopify"), display name and direction.</summary>
/// <param name="Id">Stable lower-case id; renaming it is a breaking change.</param>
/// <param name="DisplayName">Name shown to admins.</param>
/// <param name="Inbound">Whether it receives data (webhooks, polling).</param>
/// <param name="Outbound">Whether it sends data (invoices, messages).</param>
public sealed record ConnectorDescriptor(string Id, string DisplayName, bool Inbound, bool Outbound);
