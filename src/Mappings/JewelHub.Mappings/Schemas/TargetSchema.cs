namespace JewelHub.Mappings.Schemas;

/// <summary>
/// The canonical fields of one entity that maps read or write. A group (stones of a piece) repeats up to
/// <see cref="TargetGroup.MaxItems"/> times and is addressed as stones[0].carats.
/// </summary>
public sealed class TargetSchema(string entity, IReadOnlyList<TargetField> fields, IReadOnlyList<TargetGroup>? groups = null)
{
    /// <summary>The entity name as it appears in map ids, e.g. customer or stock-level.</summary>
    public string Entity { get; } = entity;

    public IReadOnlyList<TargetField> Fields { get; } = fields;

    public IReadOnlyList<TargetGroup> Groups { get; } = groups ?? [];

    /// <summary>Finds a field by a target path (phone, stones[2].carats); null when the schema has no such field.</summary>
    public TargetField? Find(string path, out string? group, out int index)
    {
        group = null;
        index = -1;
        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return Fields.FirstOrDefault(f => f.Name == path);
        }

        var close = path.IndexOf("].", open, StringComparison.Ordinal);
        var name = path[..open];
        var found = Groups.FirstOrDefault(g => g.Name == name);
        if (found is null || close < 0 || !int.TryParse(path.AsSpan(open + 1, close - open - 1), out index)
            || index < 0 || index >= found.MaxItems)
        {
            return null;
        }

        group = name;
        return found.Fields.FirstOrDefault(f => f.Name == path[(close + 2)..]);
    }
}

/// <summary>A repeating group of fields inside an entity, such as the stones of a piece.</summary>
public sealed record TargetGroup(string Name, int MaxItems, IReadOnlyList<TargetField> Fields);
