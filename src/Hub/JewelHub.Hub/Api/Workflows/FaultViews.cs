using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Workflows;

/// <summary>
/// Faults as the workflow and Elsa APIs show them. The runtime keeps only a message and the incident id; rows written
/// before it stopped keeping the exception's full text are cut to their first line here, so no stack trace leaves the hub.
/// </summary>
internal static class FaultViews
{
    /// <summary>What a fault is called in Elsa's exception shape.</summary>
    public const string Kind = "ActivityFault";

    /// <summary>The first line of a stored fault text, without the exception's type name of older rows.</summary>
    public static string Message(string text)
    {
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
        return text.Contains("\n   at ", StringComparison.Ordinal) && firstLine.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon
            ? firstLine[(colon + 2)..]
            : firstLine;
    }

    /// <summary>The execution with its fault text cut to the message.</summary>
    public static ActivityExecutionRecord Execution(ActivityExecutionRecord record) =>
        record.Exception is null ? record : record with { Exception = Message(record.Exception) };
}
