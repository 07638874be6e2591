namespace JewelHub.Mappings.Definitions;

/// <summary>One thing wrong with a map file: where it is and what to fix.</summary>
/// <param name="File">The map file (a path, or the embedded resource name of a shipped map).</param>
/// <param name="Line">The 1-based line in that file; 0 when the problem is the file or folder itself.</param>
/// <param name="Message">A plain description of the problem.</param>
public sealed record MapProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}({Line}): {Message}" : $"{File}: {Message}";
}
