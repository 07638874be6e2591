using System.ComponentModel.DataAnnotations;

namespace JewelHub.Storage;

/// <summary>Which database the stores live in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Database settings: the provider and, for SQLite, where its file goes.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded, the default) or Postgres. Default Sqlite.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For Sqlite the default is a file under ./data; for Postgres it comes from
    /// ConnectionStrings:Hub. Default "Data Source=data/jewelhub.db".
    /// </summary>
    [Required] public string ConnectionString { get; set; } = "Data Source=data/jewelhub.db";

    /// <summary>
    /// SQLite only: how long a write waits in SQLite's busy handler for another process's write lock (a `jewelhub migrate`
    /// beside a running hub). The hub's own writers never wait there: they queue in the process. Default 00:00:30.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
