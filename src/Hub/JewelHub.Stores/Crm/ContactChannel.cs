namespace JewelHub.Stores.Crm;

/// <summary>A way of reaching a customer that needs their consent.</summary>
public enum ContactChannel
{
    /// <summary>SMS and WhatsApp messages to the customer's phone.</summary>
    Sms,
    /// <summary>E-mail to the customer's address.</summary>
    Email,
}

/// <summary>One change of a customer's consent: the channel, the new state, where it came from and when.</summary>
public sealed record ConsentChange
{
    public required ContactChannel Channel { get; init; }
    public required bool OptedIn { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset At { get; init; }
}
