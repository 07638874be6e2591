namespace JewelHub.Canonical.Entities;

/// <summary>Where a one-of-a-kind piece is in its life.</summary>
public enum PieceStatus
{
    Available,
    Reserved,
    Sold,
    InRepair,
    Returned,
}
