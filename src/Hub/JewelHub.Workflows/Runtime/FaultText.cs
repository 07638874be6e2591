using System.Data.Common;
using System.Text.RegularExpressions;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// What a fault shows through the API: a kind and a message for people. The stack trace, source paths and the
/// database's own text (constraint and table names, SQL) go to the log only, under the incident's id.
/// </summary>
internal static partial class FaultText
{
    /// <summary>The longest message kept.</summary>
    private const int MaxLength = 300;

    /// <summary>DatabaseError when the database refused the step, else ActivityFault.</summary>
    public static string Kind(Exception exception) => IsDatabase(exception) ? "DatabaseError" : "ActivityFault";

    /// <summary>The message shown for <paramref name="exception"/>: its first line without file paths, or a sentence for a database error.</summary>
    public static string Message(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsDatabase(exception))
        {
            return "The database refused the step's change: a stored record conflicts with it. The hub's log has the details under the incident id.";
        }

        var firstLine = exception.Message.Split('\n', 2)[0].TrimEnd('\r');
        var shown = SourcePath().Replace(firstLine, "(path)");
        return shown.Length <= MaxLength ? shown : shown[..MaxLength] + "...";
    }

    private static bool IsDatabase(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return true;
            }
        }

        return false;
    }

    // Absolute paths, Unix (/home/x/src/A.cs) or Windows (C:\src\A.cs).
    [GeneratedRegex(@"(?:[A-Za-z]:\\|/)(?:[^\s/\\:'""]+[/\\])+[^\s/\\:'""]*")]
    private static partial Regex SourcePath();
}
