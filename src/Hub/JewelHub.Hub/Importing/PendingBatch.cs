using JewelHub.Stores.Importing;

namespace JewelHub.Hub.Importing;

/// <summary>
/// The rows and rejects of the batch being read, with each accepted row's number and text (so a reject the store makes
/// later can still quote the row), and the open group (a bill's lines) that must be written or rejected as a whole.
/// The first rejects of the run are collected in a list shared by its batches (one is read while another is written).
/// </summary>
internal sealed class PendingBatch(int size, IReadOnlyDictionary<string, string> sourceLabels, string? groupField, List<ImportReject> firstRejects)
{
    private const int FirstRejectsKept = 20;

    private readonly List<object> _rows = new(size);
    private readonly List<(long Row, string Raw)> _sources = new(size);
    private readonly List<ImportReject> _rejects = [];
    private int _groupStart;
    private ImportReject? _groupReject;

    public IReadOnlyList<object> Rows => _rows;

    /// <summary>Every row of the batch that goes to the rejects file: rejects and conflicts.</summary>
    public IReadOnlyList<ImportReject> Rejects => _rejects;

    /// <summary>How many of <see cref="Rejects"/> are conflicts.</summary>
    public int Conflicts { get; private set; }

    public bool IsFull => _rows.Count + _rejects.Count >= size;

    public bool IsEmpty => _rows.Count == 0 && _rejects.Count == 0;

    /// <summary>The source column(s) a target field is read from, or the name itself when the map does not read it.</summary>
    public string SourceColumn(string target) => sourceLabels.TryGetValue(target, out var label) ? label : target;

    public void Add(object row, long rowNumber, string raw)
    {
        _rows.Add(row);
        _sources.Add((rowNumber, raw));
    }

    public void Reject(ImportReject reject)
    {
        if (groupField is not null)
        {
            _groupReject ??= reject;
        }

        Keep(reject);
    }

    /// <summary>Ends the open group: when one of its rows was rejected, its other rows are rejected with it.</summary>
    public void CloseGroup()
    {
        if (_groupReject is { } cause)
        {
            for (var i = _groupStart; i < _rows.Count; i++)
            {
                Keep(new ImportReject(_sources[i].Row, cause.Column,
                    $"rejected with row {cause.RowNumber} of the same {groupField} ({cause.Reason})", _sources[i].Raw));
            }

            _rows.RemoveRange(_groupStart, _rows.Count - _groupStart);
            _sources.RemoveRange(_groupStart, _sources.Count - _groupStart);
        }

        _groupStart = _rows.Count;
        _groupReject = null;
    }

    /// <summary>Adds the rows the store refused, with their source column and original text.</summary>
    public void StoreRejected(IReadOnlyList<ImportReject>? rejects)
    {
        if (rejects is null or { Count: 0 })
        {
            return;
        }

        var raw = _sources.ToDictionary(s => s.Row, s => s.Raw);
        foreach (var reject in rejects.OrderBy(r => r.RowNumber))
        {
            Keep(reject with { Column = SourceColumn(reject.Column), Raw = raw.GetValueOrDefault(reject.RowNumber, reject.Raw) });
        }
    }

    /// <summary>Adds the rows the store found in conflict with what it holds; each differing field is named by its source column.</summary>
    public void StoreConflicts(IReadOnlyList<ImportReject>? conflicts)
    {
        if (conflicts is null or { Count: 0 })
        {
            return;
        }

        StoreRejected(conflicts.Select(c => c with { Column = string.Join("; ", c.Column.Split("; ").Select(SourceColumn)) }).ToList());
        Conflicts += conflicts.Count;
    }

    public void Clear()
    {
        _rows.Clear();
        _sources.Clear();
        _rejects.Clear();
        Conflicts = 0;
        _groupStart = 0;
        _groupReject = null;
    }

    private void Keep(ImportReject reject)
    {
        _rejects.Add(reject);
        // The rejects with the lowest row numbers are kept (a batch's own rejects come before those its write finds,
        // and the next batch is read while one is written).
        lock (firstRejects)
        {
            if (firstRejects.Count < FirstRejectsKept)
            {
                firstRejects.Add(reject);
            }
            else if (reject.RowNumber < firstRejects.Max(r => r.RowNumber))
            {
                firstRejects.Remove(firstRejects.MaxBy(r => r.RowNumber)!);
                firstRejects.Add(reject);
            }
        }
    }
}
