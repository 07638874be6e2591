using System.Text.Json;

namespace JewelHub.Storage.Bulk;

/// <summary>
/// "column is one of a list" in each dialect, as one parameter however long the list: an array with = ANY on
/// PostgreSQL, a JSON array read with json_each on SQLite (binding thousands of separate parameters is slow there).
/// Stores write {in:column:Parameter}, call <see cref="Expand"/> once, and pass lists through <see cref="Value"/>.
/// </summary>
public static class SqlList
{
    /// <summary>Rewrites every {in:column:Parameter} in the SQL for the database's dialect.</summary>
    public static string Expand(Database database, string sql) =>
        System.Text.RegularExpressions.Regex.Replace(database.Sql(sql), @"\{in:(\w+):(\w+)\}", match =>
            database.Provider == DatabaseProvider.Postgres
                ? $"{match.Groups[1].Value} = ANY(@{match.Groups[2].Value})"
                : $"{match.Groups[1].Value} IN (SELECT value FROM json_each(@{match.Groups[2].Value}))");

    /// <summary>The parameter value for a list of texts.</summary>
    public static object Value(Database database, IReadOnlyCollection<string> values) =>
        database.Provider == DatabaseProvider.Postgres ? values.ToArray() : JsonSerializer.Serialize(values);
}
