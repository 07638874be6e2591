namespace JewelHub.Mappings.Definitions;

/// <summary>A map file that is not well-formed JSON or YAML; the loader turns it into a <see cref="MapProblem"/>.</summary>
internal sealed class MapSyntaxException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
