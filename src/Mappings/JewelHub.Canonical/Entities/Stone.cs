using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Entities;

/// <summary>Stones set in a piece: one row per kind of stone, with its certificate where there is one.</summary>
public sealed record Stone
{
    public required string Type { get; init; }
    public string? Shape { get; init; }
    public int Count { get; init; } = 1;
    public required GemCarat Carats { get; init; }
    public string? Colour { get; init; }
    public string? Clarity { get; init; }
    /// <summary>Grading lab, e.g. GIA or IGI.</summary>
    public string? Lab { get; init; }
    public string? ReportNumber { get; init; }
    public bool LabGrown { get; init; }
    /// <summary>The value of all stones on this row, charged on the bill.</summary>
    public decimal Value { get; init; }
}
