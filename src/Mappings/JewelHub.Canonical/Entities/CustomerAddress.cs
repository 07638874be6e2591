namespace JewelHub.Canonical.Entities;

/// <summary>A customer's postal address as the shop knows it; any part may be missing.</summary>
/// <param name="Line">Street, building and locality in one line.</param>
/// <param name="City">The town or city.</param>
/// <param name="State">The state or union territory.</param>
/// <param name="Pincode">The postal code (an Indian PIN code is six digits).</param>
public sealed record CustomerAddress(string? Line, string? City, string? State, string? Pincode)
{
    /// <summary>No address at all.</summary>
    public static CustomerAddress None { get; } = new(null, null, null, null);

    /// <summary>Whether no part is known.</summary>
    public bool IsEmpty => Line is null && City is null && State is null && Pincode is null;
}
