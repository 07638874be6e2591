using JewelHub.Storage;
using Npgsql;

namespace JewelHub.Testing;

/// <summary>
/// A fresh, migrated database for one test: a new SQLite file in a temp folder, or a new database in the throwaway
/// PostgreSQL cluster that ./test.sh starts (its admin connection string is in JEWELHUB_TEST_PG). Tests never
/// share data, so they run in parallel and in any order.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnvironmentVariable = "JEWELHUB_TEST_PG";

    private readonly string? _folder;

    private TestDatabase(DatabaseOptions options, string? folder)
    {
        Options = options;
        _folder = folder;
        Database = new Database(options);
    }

    public DatabaseOptions Options { get; }

    public Database Database { get; }

    /// <summary>The settings a hub needs to use this database.</summary>
    public IReadOnlyDictionary<string, string?> HubSettings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Options.Provider.ToString(),
        ["Database:ConnectionString"] = Options.ConnectionString,
        ["ConnectionStrings:Hub"] = Options.Provider == DatabaseProvider.Postgres ? Options.ConnectionString : "",
    };

    /// <summary>Creates an empty database (no migrations applied).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "jewelhub-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(
                new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(folder, "hub.db")}" },
                folder);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need a cluster: run ./test.sh, which starts one and sets {PostgresEnvironmentVariable}.");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Many tests run at once against one cluster: idle connections go back to it within seconds instead of the
        // default five minutes, and each test's pool is emptied when it ends, so the cluster's connection limit holds.
        var builder = new NpgsqlConnectionStringBuilder(admin)
        {
            Database = name,
            MaxPoolSize = 100,
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 1,
        };
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = builder.ToString() }, null);
    }

    /// <summary>Creates a database with every migration applied.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var database = await CreateEmptyAsync(provider, cancellationToken);
        await new Migrator(database.Database, TimeProvider.System).MigrateAsync(cancellationToken);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            // The hub opens its connections with its pooling defaults added, which is a pool of its own.
            using var plain = new NpgsqlConnection(Options.ConnectionString);
            NpgsqlConnection.ClearPool(plain);
            using var hub = new NpgsqlConnection(PostgresDialect.WithDefaults(Options.ConnectionString));
            NpgsqlConnection.ClearPool(hub);
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a pooled connection of a running hub is left to the temp folder's cleaner.
            }
        }

        return ValueTask.CompletedTask;
    }
}
