using Microsoft.Data.Sqlite;

namespace JewelHub.Storage;

internal static class SqliteFiles
{
    /// <summary>Creates the folder of the database file so that a fresh checkout runs with nothing prepared.</summary>
    public static string PrepareConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
