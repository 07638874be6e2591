namespace JewelHub.Mappings.Definitions;

/// <summary>
/// One node of a map file (JSON or YAML) with the line it starts on, so that every load error can name its line.
/// </summary>
public abstract record MapNode(int Line)
{
    /// <summary>A short name of the node's kind for error messages.</summary>
    public abstract string Kind { get; }
}

/// <summary>An object: its properties in file order, each with the line of its key.</summary>
public sealed record ObjectNode(int Line, IReadOnlyList<PropertyNode> Properties) : MapNode(Line)
{
    public override string Kind => "an object";

    /// <summary>The value of a property, or null when it is absent.</summary>
    public MapNode? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;
}

/// <summary>A property of an object.</summary>
public sealed record PropertyNode(string Name, int Line, MapNode Value);

/// <summary>An array.</summary>
public sealed record ArrayNode(int Line, IReadOnlyList<MapNode> Items) : MapNode(Line)
{
    public override string Kind => "an array";
}

/// <summary>A string, number, boolean or null, kept as text; <see cref="IsString"/> tells quoted text from the rest.</summary>
public sealed record ScalarNode(int Line, string? Text, bool IsString) : MapNode(Line)
{
    public override string Kind => Text is null ? "null" : IsString ? "a string" : "a number or boolean";
}
