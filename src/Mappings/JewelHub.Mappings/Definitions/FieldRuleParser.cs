using JewelHub.Mappings.Converters;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Definitions;

/// <summary>Parses one rule of a map: its target, sources, converter steps, and checks the kinds line up.</summary>
internal sealed class FieldRuleParser(MapParser parser, ConverterRegistry converters)
{
    public FieldRule? Parse(ObjectNode rule, MapDirection direction, TargetSchema? schema, string format, IReadOnlyList<string> sourceFields)
    {
        parser.Unknown(rule, MapParser.RuleKeyNames, "rule");
        var target = parser.Text(rule, "target", rule.Line);
        if (target is null)
        {
            return null;
        }

        string? group = null;
        var index = -1;
        var field = direction == MapDirection.In && schema is not null ? schema.Find(target, out group, out index) : null;
        if (direction == MapDirection.In && schema is not null && field is null)
        {
            var known = schema.Fields.Select(f => f.Name).Concat(schema.Groups.Select(g => $"{g.Name}[n].<field>"));
            parser.Problem(rule["target"]!.Line, $"'{target}' is not a field of {schema.Entity} (known: {string.Join(", ", known)})");
        }

        var sources = Sources(rule, direction, schema, format, sourceFields);
        var constant = rule["value"] is ScalarNode { Text: { } value } ? value : null;
        if ((sources.Count == 0) == (constant is null))
        {
            parser.Problem(rule.Line, $"rule for '{target}' needs either 'from' or 'value'");
        }

        var steps = Steps(rule, sources.Count > 1 ? ValueKind.List : ValueKind.Text, out var kind);
        if (field is not null && kind != field.Kind && !(field.Kind == ValueKind.Number && kind == ValueKind.WholeNumber))
        {
            parser.Problem(rule.Line, $"'{target}' takes {Describe(field.Kind)} but the rule yields {Describe(kind)}; add a converter such as {Suggest(field.Kind)}");
        }
        else if (kind == ValueKind.List)
        {
            parser.Problem(rule.Line, $"rule for '{target}' reads several fields; add concat or coalesce");
        }

        var required = rule["required"] is ScalarNode { Text: "true" } || field?.Required == true;
        return new FieldRule
        {
            Target = target,
            Sources = sources,
            Constant = constant,
            Steps = steps,
            Kind = kind,
            Required = required,
            Group = group,
            GroupIndex = index,
            GroupField = group is null ? null : target[(target.IndexOf("].", StringComparison.Ordinal) + 2)..],
            Line = rule.Line,
        };
    }

    private List<string> Sources(ObjectNode rule, MapDirection direction, TargetSchema? schema, string format, IReadOnlyList<string> sourceFields)
    {
        var node = rule["from"];
        var sources = node switch
        {
            null => [],
            ScalarNode { IsString: true, Text: { } one } => [one],
            ArrayNode list when list.Items.All(i => i is ScalarNode { IsString: true }) => list.Items.Select(i => ((ScalarNode)i).Text!).ToList(),
            _ => null,
        };
        if (sources is null)
        {
            parser.Problem(node!.Line, "'from' must be a field name or a list of field names");
            return [];
        }

        foreach (var source in sources)
        {
            var known = direction == MapDirection.Out
                ? schema?.Find(source, out _, out _) is not null
                : format == "csv" ? sourceFields.Contains(source, StringComparer.OrdinalIgnoreCase)
                : SourcePath.IsValid(source) && (sourceFields.Count == 0 || sourceFields.Contains(SourcePath.Root(source), StringComparer.Ordinal));
            if (!known)
            {
                parser.Problem(node!.Line, direction == MapDirection.Out
                    ? $"'{source}' is not a canonical field of {schema?.Entity}"
                    : $"source field '{source}' is not declared in source.fields or is not a valid path");
            }
        }

        return sources;
    }

    private List<ConverterStep> Steps(ObjectNode rule, ValueKind input, out ValueKind kind)
    {
        kind = input;
        var steps = new List<ConverterStep>();
        var node = rule["convert"];
        if (node is null)
        {
            return steps;
        }

        var items = node is ArrayNode list ? list.Items : [node];
        foreach (var item in items)
        {
            var args = item switch
            {
                ScalarNode { IsString: true, Text: { } id } => new ConverterArgs(id, new ObjectNode(item.Line, [])),
                ObjectNode { } step when step["use"] is ScalarNode { Text: { } id } => new ConverterArgs(id, step),
                _ => null,
            };
            if (args is null)
            {
                parser.Problem(item.Line, "a converter step is a converter id or an object with 'use' and its parameters");
                continue;
            }

            var created = converters.Create(args);
            foreach (var (line, message) in args.Problems)
            {
                parser.Problem(line, message);
            }

            if (created is null)
            {
                parser.Problem(item.Line, $"unknown converter '{args.ConverterId}' (known: {string.Join(", ", converters.Ids.Order(StringComparer.Ordinal))})");
                continue;
            }

            if (created.Input != kind)
            {
                parser.Problem(item.Line, kind == ValueKind.List
                    ? $"'{created.Id}' takes one value; several 'from' fields need concat or coalesce first"
                    : $"'{created.Id}' takes {Describe(created.Input)} but gets {Describe(kind)} from the step before");
            }

            kind = created.Output;
            steps.Add(created);
        }

        return steps;
    }

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.List => "several values",
        ValueKind.Instant => "a date and time",
        ValueKind.WholeNumber => "a whole number",
        ValueKind.YesNo => "yes/no",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Suggest(ValueKind kind) => kind switch
    {
        ValueKind.Instant => "datetime",
        ValueKind.Number => "decimal",
        ValueKind.WholeNumber => "integer",
        ValueKind.YesNo => "boolean",
        ValueKind.Text => "trim",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
