using System.Data.Common;

namespace JewelHub.Storage.Bulk;

/// <summary>
/// Writes many rows inside the caller's transaction, the fastest way each database allows: binary COPY into a staging
/// table and one set-based statement on PostgreSQL; one prepared statement run per row on SQLite.
/// </summary>
public interface IBulkWriter
{
    /// <summary>Writes the rows; returns the number of rows inserted or updated.</summary>
    Task<long> WriteAsync(DbConnection connection, DbTransaction transaction, BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>The writer for a database.</summary>
    public static IBulkWriter For(Database database) =>
        database.Provider == DatabaseProvider.Postgres ? new PostgresBulkWriter() : new SqliteBulkWriter();
}
