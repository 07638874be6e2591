namespace JewelHub.Stores.Importing.Pieces;

/// <summary>
/// One mapped, checked piece of a legacy stock register in the store's units: its legacy tag, the SKU it becomes,
/// weights in milligrams, making values and percentages in hundredths, money in minor units, and its stones.
/// </summary>
public sealed record PieceImportRow
{
    public required long RowNumber { get; init; }
    public required string ExternalId { get; init; }
    public required string Sku { get; init; }
    public required string Category { get; init; }
    public required string Metal { get; init; }
    public required int Fineness { get; init; }
    public required long GrossMg { get; init; }
    public required long NetMg { get; init; }
    public required string MakingMode { get; init; }
    public long MakingValueHundredths { get; init; }
    public long WastageHundredths { get; init; }
    public long OtherChargesMinor { get; init; }
    public string? Huid { get; init; }
    public required string Hsn { get; init; }
    public required string Branch { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<PieceImportStone> Stones { get; init; } = [];
    /// <summary>The row's unread columns as a JSON object of texts, or null.</summary>
    public string? Attributes { get; init; }
}

/// <summary>One stone row of an imported piece.</summary>
public sealed record PieceImportStone(
    string Type, string? Shape, int Count, long CaratsThousandths, string? Colour, string? Clarity, string? Lab,
    string? ReportNumber, bool LabGrown, long ValueMinor);
