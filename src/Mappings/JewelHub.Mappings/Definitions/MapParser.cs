using System.Text.RegularExpressions;
using JewelHub.Mappings.Converters;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Definitions;

/// <summary>Turns a map file's nodes into a <see cref="MapDefinition"/>, collecting every problem with its line.</summary>
internal sealed partial class MapParser(string file, ConverterRegistry converters, IReadOnlyDictionary<string, TargetSchema> schemas)
{
    private static readonly string[] TopLevel = ["id", "version", "description", "source", "fields", "rules"];
    private static readonly string[] RuleKeys = ["target", "from", "value", "convert", "required"];
    private readonly List<MapProblem> _problems = [];

    public IReadOnlyList<MapProblem> Problems => _problems;

    public MapDefinition? Parse(MapNode root)
    {
        if (root is not ObjectNode map)
        {
            return Problem(root.Line, "a map must be an object with id, version, source and fields");
        }

        Unknown(map, TopLevel, "map");
        var id = Text(map, "id", map.Line);
        var idMatch = MapId().Match(id ?? "");
        if (id is not null && !idMatch.Success)
        {
            Problem(map["id"]!.Line, $"map id '{id}' must look like <system>.<entity>.<in|out>, lower case (legacy-pos.customer.in)");
        }

        var version = map["version"] is ScalarNode { IsString: false, Text: { } v } && int.TryParse(v, out var parsed) && parsed > 0 ? parsed : 0;
        if (version == 0)
        {
            Problem(map["version"]?.Line ?? map.Line, "the map needs a 'version', a whole number from 1");
        }

        var entity = idMatch.Success ? idMatch.Groups[2].Value : "";
        var schema = schemas.GetValueOrDefault(entity);
        if (idMatch.Success && schema is null)
        {
            Problem(map["id"]!.Line, $"entity '{entity}' is not one of {string.Join(", ", schemas.Keys)}");
        }

        var direction = idMatch.Success && idMatch.Groups[3].Value == "out" ? MapDirection.Out : MapDirection.In;
        var (format, sourceFields) = Source(map, direction, schema);
        var rules = Rules(map, direction, schema, format, sourceFields);
        var recordRules = RecordRules(map, rules);
        if (direction == MapDirection.In && schema is not null)
        {
            foreach (var missing in schema.Fields.Where(f => f.Required && rules.All(r => r.Target != f.Name)))
            {
                Problem(map["fields"]?.Line ?? map.Line, $"required field '{missing.Name}' of {schema.Entity} is not mapped; read it from a column with \"from\", or give every row the same value with {{ \"target\": \"{missing.Name}\", \"value\": \"...\" }}");
            }
        }

        return _problems.Count > 0 ? null : new MapDefinition
        {
            Id = id!,
            Version = version,
            System = idMatch.Groups[1].Value,
            Entity = entity,
            Direction = direction,
            Description = map["description"] is ScalarNode { Text: { } d } ? d : null,
            SourceFormat = format,
            SourceFields = sourceFields,
            Fields = rules,
            Rules = recordRules,
            File = file,
        };
    }

    private (string Format, IReadOnlyList<string> Fields) Source(ObjectNode map, MapDirection direction, TargetSchema? schema)
    {
        if (direction == MapDirection.Out)
        {
            return ("canonical", schema?.Fields.Select(f => f.Name).ToList() ?? []);
        }

        if (map["source"] is not ObjectNode source)
        {
            Problem(map["source"]?.Line ?? map.Line, "an in-map needs 'source': { \"format\": \"csv\" or \"json\", \"fields\": [...] }");
            return ("csv", []);
        }

        Unknown(source, ["format", "fields"], "source");
        var format = Text(source, "format", source.Line) ?? "csv";
        if (format is not ("csv" or "json"))
        {
            Problem(source["format"]!.Line, $"source format '{format}' is not csv or json");
        }

        var fields = source["fields"] is ArrayNode list && list.Items.All(i => i is ScalarNode { IsString: true })
            ? list.Items.Select(i => ((ScalarNode)i).Text!).ToList()
            : null;
        if (fields is null && format == "csv")
        {
            Problem(source["fields"]?.Line ?? source.Line, "a csv source must list its columns in 'fields'");
        }

        foreach (var bad in (fields ?? []).Where(f => !SourcePath.IsValid(f)))
        {
            Problem(source["fields"]!.Line, $"source field '{bad}' is not a valid name or path");
        }

        return (format, fields ?? []);
    }

    private List<FieldRule> Rules(ObjectNode map, MapDirection direction, TargetSchema? schema, string format, IReadOnlyList<string> sourceFields)
    {
        if (map["fields"] is not ArrayNode fields || fields.Items.Count == 0)
        {
            Problem(map["fields"]?.Line ?? map.Line, "the map needs 'fields', a non-empty list of rules");
            return [];
        }

        var rules = new List<FieldRule>();
        foreach (var item in fields.Items)
        {
            if (item is not ObjectNode rule)
            {
                Problem(item.Line, "each rule must be an object with 'target' and 'from' (or 'value')");
                continue;
            }

            if (new FieldRuleParser(this, converters).Parse(rule, direction, schema, format, sourceFields) is { } parsed)
            {
                if (rules.Any(r => r.Target == parsed.Target))
                {
                    Problem(rule.Line, $"target '{parsed.Target}' is mapped twice");
                }

                rules.Add(parsed);
            }
        }

        return rules;
    }

    // "rules": [{ "requireOneOf": ["phone", "email"] }]: record-level rules over the map's targets.
    private List<RecordRule> RecordRules(ObjectNode map, List<FieldRule> fields)
    {
        var rules = new List<RecordRule>();
        if (map["rules"] is null)
        {
            return rules;
        }

        if (map["rules"] is not ArrayNode list)
        {
            Problem(map["rules"]!.Line, "'rules' must be a list such as [{ \"requireOneOf\": [\"phone\", \"email\"] }]");
            return rules;
        }

        foreach (var item in list.Items)
        {
            if (item is not ObjectNode rule || rule["requireOneOf"] is not ArrayNode oneOf || oneOf.Items.Count < 2
                || !oneOf.Items.All(i => i is ScalarNode { IsString: true, Text.Length: > 0 }))
            {
                Problem(item.Line, "a rule must be { \"requireOneOf\": [\"<target>\", \"<target>\", ...] } naming two or more targets");
                continue;
            }

            Unknown(rule, ["requireOneOf"], "rule");
            var targets = oneOf.Items.Select(i => ((ScalarNode)i).Text!).ToList();
            foreach (var unmapped in targets.Where(t => fields.All(f => f.Target != t)))
            {
                Problem(item.Line, $"requireOneOf names '{unmapped}', which no rule of this map fills");
            }

            rules.Add(new RecordRule(targets, fields.Where(f => targets.Contains(f.Target)).Select(f => f.SourceLabel).ToList(), item.Line));
        }

        return rules;
    }

    internal static IReadOnlyList<string> RuleKeyNames => RuleKeys;

    internal void Unknown(ObjectNode node, IReadOnlyList<string> allowed, string where)
    {
        foreach (var property in node.Properties.Where(p => !allowed.Contains(p.Name)))
        {
            Problem(property.Line, $"unknown key '{property.Name}' in {where}");
        }
    }

    internal string? Text(ObjectNode node, string name, int line)
    {
        if (node[name] is ScalarNode { IsString: true, Text: { Length: > 0 } text })
        {
            return text;
        }

        Problem(node[name]?.Line ?? line, $"'{name}' must be a non-empty string");
        return null;
    }

    internal MapDefinition? Problem(int line, string message)
    {
        _problems.Add(new MapProblem(file, line, message));
        return null;
    }

    [GeneratedRegex(@"^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]+(?:-[a-z0-9]+)*)\.(in|out)$")]
    private static partial Regex MapId();
}
