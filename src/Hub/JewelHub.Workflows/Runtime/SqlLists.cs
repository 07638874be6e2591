using Dapper;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// "IN (...)" lists written out as one parameter per value. Dapper expands a list parameter on SQLite but passes it as
/// an array on PostgreSQL (where "IN @x" is a syntax error), so explicit parameters are the one form both accept.
/// </summary>
internal static class SqlLists
{
    /// <summary>Adds the values as @name0, @name1, ... and returns "(@name0, @name1, ...)".</summary>
    public static string In(DynamicParameters parameters, string name, IReadOnlyCollection<string> values)
    {
        var names = values.Select((value, i) =>
        {
            parameters.Add($"{name}{i}", value);
            return $"@{name}{i}";
        }).ToList();
        return $"({string.Join(", ", names)})";
    }
}
