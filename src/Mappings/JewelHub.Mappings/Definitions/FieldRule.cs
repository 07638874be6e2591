using JewelHub.Mappings.Converters;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Definitions;

/// <summary>How one target field is made: from one or more source fields (or a constant) through converter steps.</summary>
public sealed record FieldRule
{
    /// <summary>The target field path, e.g. phone or stones[0].carats.</summary>
    public required string Target { get; init; }

    /// <summary>The source fields or paths read; several make a list for concat or coalesce.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>A constant used instead of a source value.</summary>
    public string? Constant { get; init; }

    public required IReadOnlyList<ConverterStep> Steps { get; init; }

    /// <summary>The kind of value the pipeline yields.</summary>
    public required ValueKind Kind { get; init; }

    /// <summary>Whether a record without this value is refused.</summary>
    public required bool Required { get; init; }

    /// <summary>The group this field belongs to (stones), if any, and its index in the group.</summary>
    public string? Group { get; init; }

    public int GroupIndex { get; init; } = -1;

    /// <summary>The field name inside its group (carats of stones[0].carats).</summary>
    public string? GroupField { get; init; }

    /// <summary>The line of the rule in the map file.</summary>
    public int Line { get; init; }

    /// <summary>The source columns named in errors.</summary>
    public string SourceLabel => Sources.Count > 0 ? string.Join("+", Sources) : Target;
}
