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

    /// <summary>
    /// Runs the rule that fills <paramref name="target"/> from one column on a value as the source writes it (a legacy id
    /// as printed, C-01000, becomes the stored 1000); false when no such rule exists or the value does not convert.
    /// </summary>
    public bool TryConvert(string target, string text, out object? value)
    {
        value = null;
        return Fields.FirstOrDefault(f => f.Target == target && f.Sources.Count == 1 && f.Group is null) is { } rule
            && MapEvaluator.TryRule(rule, new OneValue(text), out value, out _);
    }

    /// <summary>The source fields this map reads that a CSV header lacks (matched ignoring case and outer spaces).</summary>
    private sealed class OneValue(string text) : ISourceRecord
    {
        public string? Read(string path) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public IReadOnlyList<string> MissingColumns(IReadOnlyList<string> header)
    {
        var present = header.Select(h => h.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Fields.SelectMany(f => f.Sources).Distinct(StringComparer.Ordinal).Where(s => !present.Contains(s)).ToList();
    }

    /// <summary>
    /// The columns of a CSV header that no rule of this map reads (matched ignoring case and outer spaces), with their
    /// positions, in header order: what an import keeps per record as attributes.
    /// </summary>
    public IReadOnlyList<(int Index, string Name)> UnreadColumns(IReadOnlyList<string> header)
    {
        var read = Fields.SelectMany(f => f.Sources).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return header.Select((h, i) => (Index: i, Name: h.Trim()))
            .Where(c => c.Name.Length > 0 && !read.Contains(c.Name) && seen.Add(c.Name))
            .ToList();
    }
}
