namespace JewelHub.Workflows.Definitions;

/// <summary>A workflow definition that cannot run. The message names the source (file), each activity id and its problem.</summary>
public sealed class DefinitionException : Exception
{
    public DefinitionException(string source, IReadOnlyList<DefinitionProblem> problems)
        : base($"Workflow definition '{source}' is invalid: " + string.Join("; ", problems.Select(p => p.ToString())))
    {
        Origin = source;
        Problems = problems;
    }

    public DefinitionException()
        : this("unknown", [])
    {
    }

    public DefinitionException(string message)
        : base(message)
    {
        Origin = "unknown";
        Problems = [new DefinitionProblem(null, message)];
    }

    public DefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Origin = "unknown";
        Problems = [new DefinitionProblem(null, message)];
    }

    /// <summary>Where the definition came from: a file name, or "definition &lt;id&gt;".</summary>
    public string Origin { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }
}

/// <summary>One problem of a definition; <paramref name="ActivityId"/> is null for problems of the whole definition.</summary>
/// <param name="ActivityId">The activity at fault.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DefinitionProblem(string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? Message : $"activity '{ActivityId}': {Message}";
}
