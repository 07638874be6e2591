using System.Data.Common;

namespace JewelHub.Storage;

/// <summary>
/// The real differences between PostgreSQL and SQLite, kept out of the stores. Stores write one SQL text, which runs
/// as written on both: tables are named without a schema (customers), unique across the hub, and PostgreSQL finds them
/// through the search path its dialect sets (<see cref="PostgresDialect.SearchPath"/>).
/// </summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>The clause that locks selected rows until the transaction ends ("" where the database locks whole files).</summary>
    string ForUpdate { get; }

    /// <summary>
    /// "<paramref name="column"/> is one of the list <paramref name="parameter"/>", with the list as one parameter however
    /// long it is (pass it through <see cref="ListValue"/>): the statement's text stays the same for every length.
    /// </summary>
    string InList(string column, string parameter);

    /// <summary>The parameter value of a list of texts for <see cref="InList"/>.</summary>
    object ListValue(IReadOnlyCollection<string> values);

    /// <summary>
    /// "the JSON object of text values in <paramref name="column"/> has the key <paramref name="key"/>" (a parameter),
    /// and with <paramref name="value"/> (a parameter) also "with that value"; false when the column is NULL.
    /// </summary>
    string JsonObjectHas(string column, string key, string? value);

    /// <summary>Opens a connection ready for use.</summary>
    Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>Starts a transaction that will write: SQLite takes the write lock up front so it never fails on upgrade.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a batch's statements in the unit, in order, and with <paramref name="commit"/> commits the unit after them:
    /// PostgreSQL sends them (and the COMMIT) in one round trip; SQLite runs them one after another in the process.
    /// Returns the rows they affected.
    /// </summary>
    Task<int> ExecuteBatchAsync(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a batch's statements in the unit, in order, and with <paramref name="commit"/> commits the unit after them
    /// (PostgreSQL: all in one round trip); returns the rows of the last statement. The statements before it must not
    /// return rows.
    /// </summary>
    Task<IReadOnlyList<T>> QueryBatchAsync<T>(UnitOfWork unit, SqlBatch batch, bool commit, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the batch, commits the unit and then runs <paramref name="query"/>, which sees what the commit made visible;
    /// PostgreSQL sends all of it in one round trip.
    /// </summary>
    Task<IReadOnlyList<T>> CommitThenQueryAsync<T>(UnitOfWork unit, SqlBatch last, string query, object? parameters, CancellationToken cancellationToken);

    /// <summary>
    /// True when a write transaction holds the database's single write lock from its start (SQLite), so nothing it reads
    /// can change before it writes. False on PostgreSQL: reads inside a write transaction see other transactions'
    /// commits anyway (read committed), so reading the same keys just before the transaction starts loses nothing.
    /// </summary>
    bool WritersSerialize { get; }

    /// <summary>
    /// The table that records applied migrations. It is named apart from the stores' tables because it exists before any
    /// migration: hub.schema_migrations on PostgreSQL, hub_schema_migrations on SQLite.
    /// </summary>
    string MigrationsTable { get; }

    /// <summary>Creates <see cref="MigrationsTable"/>, if missing.</summary>
    string MigrationsBootstrap { get; }

    /// <summary>SQL run first inside each migration transaction so two hubs starting together migrate one at a time.</summary>
    string MigrationLock { get; }

    /// <summary>True when the exception is a unique-constraint violation.</summary>
    bool IsUniqueViolation(Exception exception);
}
