using JewelHub.Mappings.Definitions;

namespace JewelHub.Mappings.Evaluation;

/// <summary>Runs a map's rules over one record. Converters report bad data as values, so this never throws for it.</summary>
internal static class MapEvaluator
{
    public static MapResult Apply(MapDefinition map, ISourceRecord source)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        Dictionary<string, SortedDictionary<int, Dictionary<string, object?>>>? groups = null;
        List<MapError>? errors = null;
        foreach (var rule in map.Fields)
        {
            if (!TryRule(rule, source, out var value, out var error))
            {
                (errors ??= []).Add(error);
                continue;
            }

            if (rule.Group is null)
            {
                if (value is null && rule.Required)
                {
                    (errors ??= []).Add(new MapError(rule.SourceLabel, "is required but empty", rule.Target));
                }
                else if (value is not null)
                {
                    record[rule.Target] = value;
                }
            }
            else if (value is not null)
            {
                groups ??= [];
                var items = groups.TryGetValue(rule.Group, out var found) ? found : groups[rule.Group] = [];
                var item = items.TryGetValue(rule.GroupIndex, out var existing) ? existing : items[rule.GroupIndex] = new(StringComparer.Ordinal);
                item[rule.GroupField!] = value;
            }
        }

        if (groups is not null)
        {
            AddGroups(map, groups, record, ref errors);
        }

        foreach (var rule in map.Rules)
        {
            // A target whose value was refused already has its own error; the rule speaks only of values that are absent.
            if (!rule.OneOf.Any(record.ContainsKey) && (errors is null || !errors.Any(e => e.Target is { } t && rule.OneOf.Contains(t))))
            {
                (errors ??= []).Add(new MapError(string.Join("; ", rule.Sources), rule.Reason));
            }
        }

        return errors is null ? new MapResult.Mapped(record) : new MapResult.Failed(errors);
    }

    internal static bool TryRule(FieldRule rule, ISourceRecord source, out object? value, out MapError error)
    {
        value = rule.Constant ?? (rule.Sources.Count == 1
            ? source.Read(rule.Sources[0])
            : (object)rule.Sources.Select(source.Read).ToList());
        error = null!;
        foreach (var step in rule.Steps)
        {
            if (value is null && !step.HandlesNull)
            {
                continue;
            }

            if (!step.TryConvert(value, out value, out var reason))
            {
                error = new MapError(rule.SourceLabel, reason, rule.Target);
                return false;
            }
        }

        return true;
    }

    private static void AddGroups(
        MapDefinition map,
        Dictionary<string, SortedDictionary<int, Dictionary<string, object?>>> groups,
        Dictionary<string, object?> record,
        ref List<MapError>? errors)
    {
        foreach (var (name, items) in groups)
        {
            foreach (var (index, item) in items)
            {
                foreach (var rule in map.Fields.Where(r => r.Group == name && r.GroupIndex == index && r.Required && !item.ContainsKey(r.GroupField!)))
                {
                    (errors ??= []).Add(new MapError(rule.SourceLabel, "is required when other fields of this item are given", rule.Target));
                }
            }

            record[name] = items.Values.Select(i => (IReadOnlyDictionary<string, object?>)i).ToList();
        }
    }
}
