using System.Data.Common;
using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>What the import runner needs to know about one entity: its map entity, how to type a row, how to write a batch.</summary>
public interface IEntityImport
{
    /// <summary>The CLI/API name: customers, pieces, stock-levels, sales.</summary>
    string Name { get; }

    /// <summary>The map entity (the middle part of a map id): customer, piece, stock-level, sale.</summary>
    string MapEntity { get; }

    /// <summary>
    /// The target field whose consecutive rows make one record (a bill's lines share its billNumber), or null when every
    /// row stands alone. The runner never splits such a run of rows across batches, and rejects the whole run when one
    /// of its rows is rejected.
    /// </summary>
    string? GroupField => null;

    /// <summary>
    /// Turns a mapped record into the row the store writes; false with the column (a target field, which the runner
    /// reports as its source column) and reason to reject it. Runs while the previous batch is being written,
    /// so it must not share state with the writing. <paramref name="source"/> holds the row's unread columns, kept with
    /// the record, and its key as printed.
    /// </summary>
    bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, RowSource source, out object row, out string column, out string reason);

    /// <summary>The target field whose value as printed in the file is kept beside its stored form, or null.</summary>
    string? PrintedKeyField => null;

    /// <summary>Writes one batch inside the caller's transaction.</summary>
    Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one batch inside the caller's transaction; <paramref name="liveEffects"/> is the request's choice for
    /// entities that have live effects (see docs/MIGRATION.md), ignored by the others.
    /// </summary>
    Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        WriteAsync(connection, transaction, system, rows, cancellationToken);

    /// <summary>
    /// Reads ahead what the store holds about a batch's keys, on a connection of its own and outside any transaction,
    /// while the batch before it is still being written; null when the entity looks its keys up inside its write.
    /// </summary>
    Task<IBatchLookUp?> LookUpAsync(DbConnection connection, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        Task.FromResult<IBatchLookUp?>(null);

    /// <summary>Writes one batch inside the caller's transaction against the look-up <see cref="LookUpAsync"/> made for it.</summary>
    Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<object> rows, IBatchLookUp lookUp, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Name} does not read ahead, so it has no look-up to write against");
}
