namespace JewelHub.Mappings.Evaluation;

/// <summary>
/// A CSV row seen through its header. Column names match ignoring case and outer spaces. One instance is reused for
/// every row of a file (<see cref="SetRow"/>), so mapping a million rows allocates no lookup tables.
/// </summary>
public sealed class CsvRecord : ISourceRecord
{
    private readonly Dictionary<string, int> _columns;
    private IReadOnlyList<string?> _fields = [];

    public CsvRecord(IReadOnlyList<string> header)
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }
    }

    /// <summary>Points the record at the next row's fields.</summary>
    public CsvRecord SetRow(IReadOnlyList<string?> fields)
    {
        _fields = fields;
        return this;
    }

    public string? Read(string path) =>
        _columns.TryGetValue(path, out var index) && index < _fields.Count && !string.IsNullOrWhiteSpace(_fields[index])
            ? _fields[index]
            : null;
}
