using Microsoft.Data.Sqlite;
using Npgsql;

namespace JewelHub.Storage;

/// <summary>
/// Writes that arrive one request at a time, committed in groups: while one group is written the next callers queue,
/// and the queue is then handed to the owning store's group write (<c>writeGroup</c>), which writes it in one
/// transaction with a statement the store spells out itself (a multi-row insert) and answers each item. A caller is
/// answered only after its group committed. When the database refuses a group, nothing of it committed and each item is
/// written again as a group of one, so an item the database refuses fails alone. One writer drains the queue; no
/// caller's cancellation stops a group once taken, but an item whose caller gave up before is left out.
/// </summary>
/// <typeparam name="TItem">What a caller asks to write.</typeparam>
/// <typeparam name="TResult">What the caller is answered once the item's group committed.</typeparam>
public sealed class GroupCommit<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _writeGroup;
    private readonly int _maxGroup;
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _writing;

    /// <param name="writeGroup">
    /// Writes the items in one transaction, commits, and returns one answer per item in the items' order.
    /// </param>
    /// <param name="maxGroup">Items per group at most: keeps a statement under the database's limit of parameters.</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> writeGroup, int maxGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        _writeGroup = writeGroup;
        _maxGroup = maxGroup;
    }

    /// <summary>Queues the item; completes with its answer once its group has committed.</summary>
    public Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(item, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return pending.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (Next() is { } group)
        {
            await WriteAsync(group);
        }
    }

    // The queued items whose callers still wait, up to a group; null (and the writer stops) when none is left.
    private List<Pending>? Next()
    {
        lock (_gate)
        {
            var group = new List<Pending>(Math.Min(_queue.Count, _maxGroup));
            while (group.Count < _maxGroup && _queue.TryDequeue(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Answer.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    group.Add(pending);
                }
            }

            if (group.Count == 0 && _queue.Count == 0)
            {
                _writing = false;
                return null;
            }

            return group;
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        if (group.Count == 0)
        {
            return;
        }

        IReadOnlyList<TResult> answers;
        try
        {
            answers = await _writeGroup(group.ConvertAll(p => p.Item));
        }
        catch (Exception exception) when (group.Count > 1 && IsRefusal(exception))
        {
            foreach (var pending in group.Where(p => !p.CancellationToken.IsCancellationRequested))
            {
                await WriteAsync([pending]);
            }

            return;
        }
        catch (Exception exception)
        {
            // Handed to every caller of the group, whose request then fails with it.
            group.ForEach(p => p.Answer.TrySetException(exception));
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Answer.TrySetResult(answers[i]);
        }
    }

    // The database refused a statement of the group (a constraint, a value it does not take): the transaction rolled back.
    private static bool IsRefusal(Exception exception) => exception is PostgresException or SqliteException;

    private sealed class Pending(TItem item, CancellationToken cancellationToken)
    {
        public TItem Item { get; } = item;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<TResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
