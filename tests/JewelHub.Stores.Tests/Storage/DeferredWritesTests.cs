using System.Data.Common;
using Dapper;
using JewelHub.Storage;
using JewelHub.Storage.Units;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Inventory.InventoryTestData;

namespace JewelHub.Stores.Tests.Storage;

/// <summary>
/// A unit of work's plain inserts travel with its next statement on PostgreSQL. Whatever the database, the unit reads
/// its own inserts in order, a caller gets the inserted row count, and an insert that fails loses the whole unit.
/// </summary>
public sealed class DeferredWritesTests
{
    private const string Insert = "INSERT INTO hub.workflow_effects (key, result, at) VALUES (@Key, NULL, @At)";

    private const string InsertTwo = "INSERT INTO hub.workflow_effects (key, result, at) VALUES (@A, NULL, @At), (@B, NULL, @At)";

    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InsertsThenReads_InOneUnit_ReadsSeeTheInsertsAndCallersTheirRowCounts(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        // Act
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                Assert.Equal(1, await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At })));
                Assert.Equal(2, await connection.ExecuteAsync(Command(database, InsertTwo, new { A = "k-2", B = "k-3", At })));

                // Assert: a scalar, a row read and an update after the inserts all see them.
                Assert.Equal(3L, await connection.ExecuteScalarAsync<long>(Command(database, "SELECT count(*) FROM hub.workflow_effects", null)));
                Assert.Equal(["k-1", "k-2", "k-3"], await connection.QueryAsync<string>(Command(database, "SELECT key FROM hub.workflow_effects ORDER BY key", null)));
                Assert.Equal(1, await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-4", At })));
                Assert.Equal(4, await connection.ExecuteAsync(Command(database, "UPDATE hub.workflow_effects SET result = 'done'", null)));
                Assert.Equal(1, await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-5", At })));
            }

            await unit.CommitAsync(Ct);
        }

        // The insert still held at the commit was written too.
        Assert.Equal(5, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
        Assert.Equal(4, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects WHERE result = 'done'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HoldsContendedLock_StatementsAndCommitGoSynchronously_SameRowsAndCounts(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        // Act: from the lock on, the unit's statements and its commit run without yielding the thread.
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
                UnitOfWork.HoldsContendedLock();
                Assert.Equal(2, await connection.ExecuteAsync(Command(database, InsertTwo, new { A = "k-2", B = "k-3", At })));
                Assert.Equal(["k-1", "k-2", "k-3"], await connection.QueryAsync<string>(Command(database, "SELECT key FROM hub.workflow_effects ORDER BY key", null)));
                Assert.Equal(1, await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-4", At })));
            }

            await unit.CommitAsync(Ct);
        }

        // Assert
        Assert.Equal(4, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InsertFails_DuplicateKey_UnitFailsAndNothingOfItIsWritten(DatabaseProvider provider)
    {
        // Arrange: k-1 exists already.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var connection = await database.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        // Act: the unit inserts k-2, then k-1 again, then reads.
        DbException? failure = null;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using var entered = unit.Enter();
            await using var connection = await database.Database.OpenAsync(Ct);
            try
            {
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-2", At }));
                var returned = await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));

                // On PostgreSQL the duplicate travels with the next statement, so it is that statement which fails.
                Assert.Equal(DatabaseProvider.Postgres, provider);
                Assert.Equal(1, returned);
                await connection.ExecuteScalarAsync<long>(Command(database, "SELECT count(*) FROM hub.workflow_effects", null));
            }
            catch (DbException exception)
            {
                failure = exception;
            }
        }

        // Assert
        Assert.NotNull(failure);
        Assert.True(database.Database.Dialect.IsUniqueViolation(failure));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects WHERE key = 'k-2'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InsertHeldAtCommit_DuplicateKey_CommitFailsAndNothingIsWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var connection = await database.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-2", At }));
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
            }

            var failure = await Assert.ThrowsAnyAsync<DbException>(() => unit.CommitAsync(Ct));
            Assert.True(database.Database.Dialect.IsUniqueViolation(failure));
        }

        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HeldInsertThenCommandOfSeveralStatements_AppliedInOrderWithTheCommandsRowCount(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        const string UpdateThenInsert = """
            UPDATE hub.workflow_effects SET result = 'done; for good' WHERE key = @Key AND at = @At;
            INSERT INTO hub.workflow_effects (key, result, at) VALUES (@Other, @Result, @At);
            """;

        // Act: the update must find the held insert's row; both statements name @At; a literal holds a semicolon.
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));

                Assert.Equal(2, await connection.ExecuteAsync(Command(database, UpdateThenInsert, new { Result = "done; for good", Key = "k-1", Other = "k-2", At })));
            }

            await unit.CommitAsync(Ct);
        }

        // Assert
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects WHERE result = 'done; for good'"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommandOfSeveralPlainInserts_DuplicateKey_HeldOnPostgresAndTheUnitIsLostEitherWay(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var seed = await database.Database.OpenAsync(Ct))
        {
            await seed.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        // Act: two inserts sent as one command, the second colliding with the seeded row; then a read.
        int? answered = null;
        DbException? failure = null;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                try
                {
                    answered = await new MultiRowInsert.Batch()
                        .Add(database.Database.Sql(Insert), [new { Key = "k-2", At }, new { Key = "k-3", At }])
                        .Add(database.Database.Sql(Insert), [new { Key = "k-1", At }])
                        .ExecuteAsync(connection, null, Ct);
                    await connection.ExecuteScalarAsync<long>(Command(database, "SELECT count(*) FROM hub.workflow_effects", null));
                }
                catch (DbException exception)
                {
                    failure = exception;
                }
            }
        }

        // Assert: PostgreSQL held the command (it answered its three rows) and the failure came with the next statement;
        // SQLite ran it at once. Nothing of the unit was written.
        Assert.Equal(provider == DatabaseProvider.Postgres ? 3 : null, answered);
        Assert.NotNull(failure);
        Assert.True(database.Database.Dialect.IsUniqueViolation(failure));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommitThenQuery_HeldInsert_CommittedAndReadAfterTheCommitOnPostgresNotAvailableOnSqlite(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var seed = await database.Database.OpenAsync(Ct))
        {
            await seed.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        // Act: an insert held in the unit, then the commit with a query after it.
        IReadOnlyList<string>? read;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-2", At }));
            }

            read = await unit.CommitThenQueryAsync<string>(
                database.Database.Sql("SELECT key FROM hub.workflow_effects WHERE key >= @From ORDER BY key"), new Dictionary<string, object?> { ["From"] = "k-" }, Ct);
        }

        // Assert: PostgreSQL committed and the query saw the committed rows; SQLite declined and the unit rolled back.
        if (provider == DatabaseProvider.Postgres)
        {
            Assert.Equal(["k-1", "k-2"], read);
            Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
        }
        else
        {
            Assert.Null(read);
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommitThenQuery_HeldStatementRaises_NothingCommitsAndTheQueryDoesNotRun(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        // Act: the held fence raises; the query after the COMMIT would insert a row if it ran.
        DbException failure;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            await InsertThenHoldARaisingFenceAsync(database, unit);
            failure = await Assert.ThrowsAnyAsync<DbException>(() => unit.CommitThenQueryAsync<string>(
                "INSERT INTO hub.workflow_effects (key, result, at) VALUES ('after', NULL, @At) RETURNING key", new Dictionary<string, object?> { ["At"] = At }, Ct));
        }

        // Assert
        Assert.Equal("JH409", failure.SqlState);
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData("INSERT INTO t (a, b) VALUES (@A, @B)", 1)]
    [InlineData("INSERT INTO t (a, b)\n    VALUES (@A_0, lower(@B_0)), (@A_1, @B_1::text),\n (@A_2, @B_2)", 3)]
    [InlineData("insert into t (a) values (@A);", 1)]
    [InlineData("INSERT INTO t (a) VALUES (@A) ON CONFLICT DO NOTHING", null)]
    [InlineData("INSERT INTO t (a) VALUES (@A) RETURNING a", null)]
    [InlineData("INSERT INTO t (a) SELECT @A WHERE NOT EXISTS (SELECT 1 FROM t)", null)]
    [InlineData("INSERT INTO t (a) VALUES (@A); INSERT INTO u (a) VALUES (@A)", null)]
    [InlineData("INSERT INTO t (a) VALUES ('x;y')", null)]
    [InlineData("INSERT INTO t DEFAULT VALUES", null)]
    [InlineData("UPDATE t SET a = @A", null)]
    [InlineData("SELECT 1", null)]
    public void RowsOfPlainInsert_Statement_RowsOnlyForPlainValuesInserts(string sql, int? rows)
    {
        Assert.Equal(rows, DeferredWrites.RowsOfPlainInsert(sql));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HoldNext_AnyStatement_AppliedWithTheCommitOnPostgresAndAtOnceOnSqlite(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var connection = await database.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        // Act: an update (not a plain insert) asked to be held.
        bool held;
        int answered;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            using (unit.Enter())
            {
                await using var connection = await database.Database.OpenAsync(Ct);
                held = UnitOfWork.HoldNext(connection);
                answered = await connection.ExecuteAsync(Command(database, "UPDATE hub.workflow_effects SET result = 'held' WHERE key = @Key", new { Key = "k-1" }));
                await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-2", At }));
            }

            await unit.CommitAsync(Ct);
        }

        // Assert: held on PostgreSQL (no answer, applied at the commit), run at once on SQLite; applied either way.
        Assert.Equal(provider == DatabaseProvider.Postgres, held);
        Assert.Equal(provider == DatabaseProvider.Postgres ? 0 : 1, answered);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects WHERE result = 'held'"));
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HoldNext_HeldStatementRaises_CommitFailsWithItsErrorAndNothingIsWritten(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);

        // Act: the held statement raises (as a run's lease fence does when the run lost its instance).
        DbException failure;
        await using (var unit = await database.Database.BeginUnitAsync(Ct))
        {
            await InsertThenHoldARaisingFenceAsync(database, unit);
            failure = await Assert.ThrowsAnyAsync<DbException>(() => unit.CommitAsync(Ct));
        }

        // Assert
        Assert.Equal("JH409", failure.SqlState);
        Assert.Contains("instance-1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BatchExecuteAndCommit_OwnTransaction_CommittedAndTheTransactionEnded(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var connection = await database.Database.OpenAsync(Ct);

        // Act
        int affected;
        await using (var transaction = await database.Database.Dialect.BeginWriteAsync(connection, Ct))
        {
            affected = await new MultiRowInsert.Batch()
                .Add(database.Database.Sql(Insert), [new { Key = "k-1", At }, new { Key = "k-2", At }])
                .AddStatement(database.Database.Sql("UPDATE hub.workflow_effects SET result = 'done' WHERE key = @Key"), new Dictionary<string, object?> { ["Key"] = "k-1" })
                .ExecuteAndCommitAsync(connection, transaction, Ct);
        }

        // Assert: committed (seen from another connection after the transaction was disposed), and the connection is
        // usable for a new transaction.
        Assert.Equal(3, affected);
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
        await using (var next = await database.Database.Dialect.BeginWriteAsync(connection, Ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Database.Sql(Insert), new { Key = "k-3", At }, next, cancellationToken: Ct));
            await next.CommitAsync(Ct);
        }

        Assert.Equal(3, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BatchExecuteAndCommit_StatementFails_NothingIsWritten(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var seed = await database.Database.OpenAsync(Ct))
        {
            await seed.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
        }

        // Act: the second row collides with the seeded one.
        await using var connection = await database.Database.OpenAsync(Ct);
        DbException failure;
        await using (var transaction = await database.Database.Dialect.BeginWriteAsync(connection, Ct))
        {
            failure = await Assert.ThrowsAnyAsync<DbException>(() => new MultiRowInsert.Batch()
                .Add(database.Database.Sql(Insert), [new { Key = "k-2", At }])
                .Add(database.Database.Sql(Insert), [new { Key = "k-1", At }])
                .ExecuteAndCommitAsync(connection, transaction, Ct));
        }

        // Assert
        Assert.True(database.Database.Dialect.IsUniqueViolation(failure));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM hub.workflow_effects"));
    }

    // An insert, then a held lease fence that raises (as a run's does when the run lost its instance).
    private static async Task InsertThenHoldARaisingFenceAsync(TestDatabase database, UnitOfWork unit)
    {
        using (unit.Enter())
        {
            await using var connection = await database.Database.OpenAsync(Ct);
            await connection.ExecuteAsync(Command(database, Insert, new { Key = "k-1", At }));
            Assert.True(UnitOfWork.HoldNext(connection));
            await connection.ExecuteAsync(Command(database, "SELECT hub.require_lease(0, 'instance-1')", null));
        }
    }

    private static CommandDefinition Command(TestDatabase database, string sql, object? parameters) => new(database.Database.Sql(sql), parameters, cancellationToken: Ct);
}
