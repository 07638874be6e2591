using JewelHub.Mappings.Evaluation;

namespace JewelHub.Mappings.Definitions;

/// <summary>A loaded, validated map. <see cref="Apply"/> maps one source record and never throws for bad data.</summary>
public sealed record MapDefinition
{
    /// <summary>The id, &lt;system&gt;.&lt;entity&gt;.&lt;in|out&gt;, e.g. legacy-pos.customer.in.</summary>
    public required string Id { get; init; }

    /// <summary>The map's own version; bump it when its output changes.</summary>
    public required int Version { get; init; }

    /// <summary>The external system (legacy-pos); it names the (system, external id) cross-references.</summary>
    public required string System { get; init; }

    /// <summary>The canonical entity (customer, piece, stock-level, sale).</summary>
    public required string Entity { get; init; }

    public required MapDirection Direction { get; init; }

    public string? Description { get; init; }

    /// <summary>csv or json.</summary>
    public required string SourceFormat { get; init; }

    /// <summary>The declared source fields (CSV columns); every rule reads only these.</summary>
    public required IReadOnlyList<string> SourceFields { get; init; }

    public required IReadOnlyList<FieldRule> Fields { get; init; }

    /// <summary>Rules over the whole record (requireOneOf), checked after its fields are mapped.</summary>
    public IReadOnlyList<RecordRule> Rules { get; init; } = [];

    /// <summary>Where the map was loaded from.</summary>
    public required string File { get; init; }

    /// <summary>Maps one record.</summary>
    public MapResult Apply(ISourceRecord source) => MapEvaluator.Apply(this, source);

    /// <summary>The source fields this map reads that a CSV header lacks (matched ignoring case and outer spaces).</summary>
    public IReadOnlyList<string> MissingColumns(IReadOnlyList<string> header)
    {
        var present = header.Select(h => h.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Fields.SelectMany(f => f.Sources).Distinct(StringComparer.Ordinal).Where(s => !present.Contains(s)).ToList();
    }
}
