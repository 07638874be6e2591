namespace JewelHub.Canonical.Entities;

/// <summary>Why stock moved.</summary>
public enum MovementReason
{
    Receipt,
    Sale,
    Reservation,
    Release,
    Return,
    Adjustment,
    TransferOut,
    TransferIn,
    RepairOut,
    RepairIn,
    /// <summary>Stock on the books when the hub took over, recorded by a migration (sets the opening level).</summary>
    Opening,
}

/// <summary>One change to stock: quantity and weight deltas, a reason, a reference and a time.</summary>
public sealed record StockMovement
{
    public required long Id { get; init; }
    public required string Sku { get; init; }
    public required string Branch { get; init; }
    public required MovementReason Reason { get; init; }
    public required int QuantityDelta { get; init; }
    public required decimal WeightDelta { get; init; }
    public required string Reference { get; init; }
    public required DateTimeOffset At { get; init; }
}
