using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace JewelHub.Storage;

/// <summary>
/// The hub's writers to one SQLite file, queued in the process for the file's single write lock. SQLite makes a
/// second writer wait in its busy handler, which sleeps and polls (up to tens of milliseconds a try), so a burst of
/// writers would spend most of its time asleep; here each waits for its turn on a semaphore and is woken the moment the
/// writer before it ends. Every <see cref="Database"/> of the process opened on the same file shares one queue; other
/// processes on the file (a `jewelhub migrate` beside a running hub) still meet SQLite's busy handler.
/// </summary>
internal sealed class SqliteWriteQueue : IDisposable
{
    private static readonly ConcurrentDictionary<string, SqliteWriteQueue> ByFile = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>The queue of the file <paramref name="connectionString"/> names.</summary>
    public static SqliteWriteQueue For(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = file is { Length: > 0 } and not ":memory:" ? Path.GetFullPath(file) : connectionString;
        return ByFile.GetOrAdd(key, static _ => new SqliteWriteQueue());
    }

    /// <summary>Waits for this writer's turn; dispose the answer to end it. Gives up after <paramref name="timeout"/>.</summary>
    public async Task<IDisposable> WaitTurnAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"No turn to write to the SQLite database within {timeout.TotalSeconds:0} s: a unit of work was held too long.");
        }

        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
