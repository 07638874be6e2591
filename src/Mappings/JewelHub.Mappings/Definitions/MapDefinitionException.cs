namespace JewelHub.Mappings.Definitions;

/// <summary>Thrown at load time when one or more maps are invalid; the host refuses to start.</summary>
public sealed class MapDefinitionException(IReadOnlyList<MapProblem> problems)
    : Exception("Invalid map definitions:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    /// <summary>Every problem found, each naming its file and line.</summary>
    public IReadOnlyList<MapProblem> Problems { get; } = problems;
}
