using System.Globalization;
using JewelHub.Mappings.Definitions;

namespace JewelHub.Mappings.Converters;

/// <summary>
/// The parameters of one converter step as written in the map. Reading a parameter marks it used; problems (missing,
/// wrong type, unknown) are collected with their line instead of thrown, so a load reports every problem at once.
/// </summary>
public sealed class ConverterArgs
{
    private readonly ObjectNode _node;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal) { "use" };
    private readonly List<(int Line, string Message)> _problems = [];

    public ConverterArgs(string converterId, ObjectNode node)
    {
        ConverterId = converterId;
        _node = node;
    }

    public string ConverterId { get; }

    /// <summary>The line of the step in the map file.</summary>
    public int Line => _node.Line;

    internal IReadOnlyList<(int Line, string Message)> Problems => _problems;

    /// <summary>A text parameter; <paramref name="fallback"/> when absent (null fallback = required).</summary>
    public string Text(string name, string? fallback)
    {
        var node = Take(name);
        if (node is null)
        {
            return fallback ?? Missing(name, "");
        }

        if (node is ScalarNode { Text: { } text })
        {
            return text;
        }

        Problem(node.Line, $"parameter '{name}' of '{ConverterId}' must be text, not {node.Kind}");
        return fallback ?? "";
    }

    /// <summary>An optional text parameter, null when absent.</summary>
    public string? OptionalText(string name) => _node[name] is null ? Mark(name) : Text(name, "");

    /// <summary>An integer parameter.</summary>
    public int WholeNumber(string name, int fallback)
    {
        var node = Take(name);
        if (node is null)
        {
            return fallback;
        }

        if (node is ScalarNode { IsString: false, Text: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(node.Line, $"parameter '{name}' of '{ConverterId}' must be a whole number");
        return fallback;
    }

    /// <summary>A boolean parameter.</summary>
    public bool Flag(string name, bool fallback)
    {
        var node = Take(name);
        if (node is null)
        {
            return fallback;
        }

        if (node is ScalarNode { IsString: false, Text: "true" or "false" } scalar)
        {
            return scalar.Text == "true";
        }

        Problem(node.Line, $"parameter '{name}' of '{ConverterId}' must be true or false");
        return fallback;
    }

    /// <summary>A list of texts; a single text is accepted as a list of one.</summary>
    public IReadOnlyList<string> TextList(string name, IReadOnlyList<string>? fallback)
    {
        var node = Take(name);
        switch (node)
        {
            case null:
                return fallback ?? [Missing(name, "")];
            case ScalarNode { Text: { } single }:
                return [single];
            case ArrayNode array when array.Items.All(i => i is ScalarNode { Text: not null }):
                return array.Items.Select(i => ((ScalarNode)i).Text!).ToList();
            default:
                Problem(node.Line, $"parameter '{name}' of '{ConverterId}' must be a list of texts");
                return fallback ?? [];
        }
    }

    /// <summary>An object parameter whose values are texts (a lookup table).</summary>
    public IReadOnlyList<(string Key, string Value)> Table(string name)
    {
        var node = Take(name);
        if (node is ObjectNode table && table.Properties.All(p => p.Value is ScalarNode { Text: not null }))
        {
            return table.Properties.Select(p => (p.Name, ((ScalarNode)p.Value).Text!)).ToList();
        }

        Problem(node?.Line ?? Line, $"parameter '{name}' of '{ConverterId}' must be an object of texts");
        return [];
    }

    /// <summary>An array of objects (the cases of a conditional).</summary>
    public IReadOnlyList<ObjectNode> Objects(string name)
    {
        var node = Take(name);
        if (node is ArrayNode array && array.Items.Count > 0 && array.Items.All(i => i is ObjectNode))
        {
            return array.Items.Cast<ObjectNode>().ToList();
        }

        Problem(node?.Line ?? Line, $"parameter '{name}' of '{ConverterId}' must be a non-empty list of objects");
        return [];
    }

    /// <summary>Records a problem with a parameter's value.</summary>
    public void Problem(int line, string message) => _problems.Add((line, message));

    /// <summary>Records a problem with the parameter of that name.</summary>
    public void Problem(string name, string message) => Problem(_node[name]?.Line ?? Line, message);

    internal void ReportUnknown()
    {
        foreach (var property in _node.Properties.Where(p => !_used.Contains(p.Name)))
        {
            Problem(property.Line, $"unknown parameter '{property.Name}' for converter '{ConverterId}'");
        }
    }

    private MapNode? Take(string name)
    {
        _used.Add(name);
        return _node[name];
    }

    private string? Mark(string name)
    {
        _used.Add(name);
        return null;
    }

    private string Missing(string name, string value)
    {
        Problem(Line, $"converter '{ConverterId}' needs parameter '{name}'");
        return value;
    }
}
