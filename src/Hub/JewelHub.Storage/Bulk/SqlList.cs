namespace JewelHub.Storage.Bulk;

/// <summary>
/// "column is one of a list" in each dialect: PostgreSQL takes the list as one array parameter (= ANY), SQLite gets
/// Dapper's expansion into IN (@p1, @p2, ...). Stores write {in:column:Parameter} and call <see cref="Expand"/> once.
/// </summary>
public static class SqlList
{
    /// <summary>Rewrites every {in:column:Parameter} in the SQL for the database's dialect.</summary>
    public static string Expand(Database database, string sql) =>
        System.Text.RegularExpressions.Regex.Replace(database.Sql(sql), @"\{in:(\w+):(\w+)\}", match =>
            database.Provider == DatabaseProvider.Postgres
                ? $"{match.Groups[1].Value} = ANY(@{match.Groups[2].Value})"
                : $"{match.Groups[1].Value} IN @{match.Groups[2].Value}");
}
