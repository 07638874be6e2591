namespace JewelHub.Stores.Inventory;

/// <summary>Where one reserved line of an order is in its life.</summary>
public enum ReservationStatus
{
    Reserved,
    Released,
    Committed,
}

/// <summary>The answer to a reservation request.</summary>
public enum ReservationOutcome
{
    /// <summary>This call reserved every line.</summary>
    Reserved,
    /// <summary>The order already held a reservation; that reservation is returned and nothing changed.</summary>
    AlreadyReserved,
    /// <summary>At least one line could not be held; nothing was reserved.</summary>
    Unavailable,
}

/// <summary>One line held (or sold) for an order.</summary>
public sealed record ReservedLine
{
    public required string Sku { get; init; }
    public required string Branch { get; init; }
    public required int Quantity { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required ReservationStatus Status { get; init; }
}

/// <summary>
/// Reserved(lines) or Unavailable(skus). A reservation is all or nothing: when <see cref="UnavailableSkus"/> is not
/// empty, no line was held.
/// </summary>
public sealed record ReservationResult
{
    public required ReservationOutcome Outcome { get; init; }
    public IReadOnlyList<ReservedLine> Lines { get; init; } = [];
    public IReadOnlyList<string> UnavailableSkus { get; init; } = [];

    public bool Succeeded => Outcome != ReservationOutcome.Unavailable;

    public static ReservationResult Held(IReadOnlyList<ReservedLine> lines, bool already) =>
        new() { Outcome = already ? ReservationOutcome.AlreadyReserved : ReservationOutcome.Reserved, Lines = lines };

    public static ReservationResult Unavailable(IReadOnlyList<string> skus) =>
        new() { Outcome = ReservationOutcome.Unavailable, UnavailableSkus = skus };
}
