using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace JewelHub.Storage;

/// <summary>
/// The hub's writers to one SQLite file, queued in the process for the file's single write lock. SQLite makes a
/// second writer wait in its busy handler, which sleeps and polls (up to tens of milliseconds a try), so a burst of
/// writers would spend most of its time asleep; here each waits for its turn on a semaphore and is woken the moment the
/// writer before it ends. Every <see cref="Database"/> of the process opened on the same file shares one queue; other
/// processes on the file (a `jewelhub migrate` beside a running hub) still meet SQLite's busy handler.
/// The queue also moves the WAL's checkpoints (copying committed pages back into the database file, with its own fsync)
/// off the writers' path: left to SQLite, the commit that fills the WAL past its limit does the checkpoint before it
/// returns, so one group of callers in a few hundred waited for it. When a turn ends and the last checkpoint started a
/// while ago, a passive checkpoint runs on a connection of its own beside the writers; SQLite's own, at a much larger
/// WAL (see <see cref="SqliteDialect"/>), is left only as the backstop.
/// </summary>
internal sealed class SqliteWriteQueue : IDisposable
{
    private static readonly ConcurrentDictionary<string, SqliteWriteQueue> ByFile = new(StringComparer.Ordinal);

    // How often a checkpoint runs while the hub writes: a few times a second keeps the WAL to a few megabytes under a
    // burst, and each checkpoint copies only what was committed since the one before.
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _connectionString;
    private long _lastCheckpoint = Stopwatch.GetTimestamp();
    private int _checkpointing;

    private SqliteWriteQueue(string connectionString) => _connectionString = connectionString;

    /// <summary>The queue of the file <paramref name="connectionString"/> names.</summary>
    public static SqliteWriteQueue For(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = file is { Length: > 0 } and not ":memory:" ? Path.GetFullPath(file) : connectionString;
        return ByFile.GetOrAdd(key, static (_, connectionString) => new SqliteWriteQueue(connectionString), connectionString);
    }

    /// <summary>Waits for this writer's turn; dispose the answer to end it. Gives up after <paramref name="timeout"/>.</summary>
    public async Task<IDisposable> WaitTurnAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"No turn to write to the SQLite database within {timeout.TotalSeconds:0} s: a unit of work was held too long.");
        }

        return new Turn(this);
    }

    private void EndTurn()
    {
        _turn.Release();
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastCheckpoint)) >= CheckpointEvery && Interlocked.Exchange(ref _checkpointing, 1) == 0)
        {
            Volatile.Write(ref _lastCheckpoint, Stopwatch.GetTimestamp());
            _ = Task.Run(CheckpointAsync, CancellationToken.None);
        }
    }

    // PASSIVE neither waits for nor blocks the writers and readers: it copies what it can and leaves the rest for the next.
    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (SqliteException)
        {
            // Nothing is lost when a checkpoint fails: the pages stay committed in the WAL, the next turn's checkpoint
            // copies them, and SQLite's own checkpoint still bounds the WAL.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SqliteWriteQueue queue) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                queue.EndTurn();
            }
        }
    }
}
