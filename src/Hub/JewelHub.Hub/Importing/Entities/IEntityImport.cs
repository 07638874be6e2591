using System.Data.Common;
using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>What the import runner needs to know about one entity: its map entity, how to type a row, how to write a batch.</summary>
public interface IEntityImport
{
    /// <summary>The CLI/API name: customers, pieces, stock-levels.</summary>
    string Name { get; }

    /// <summary>The map entity (the middle part of a map id): customer, piece, stock-level.</summary>
    string MapEntity { get; }

    /// <summary>
    /// Turns a mapped record into the row the store writes; false with the column and reason to reject it. Runs while
    /// <see cref="WriteAsync"/> writes the previous batch, so it must not share state with it.
    /// </summary>
    bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, out object row, out string column, out string reason);

    /// <summary>Writes one batch inside the caller's transaction.</summary>
    Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken);
}
