using System.Text;
using CsvHelper;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Reads a CSV file one row at a time (never the whole file): the header, each row's fields, its row number (the
/// header is row 1) and its original text for the rejects file. Malformed rows are returned as they are, to be rejected.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private string[] _fields = [];

    public CsvSource(ImportRequest request)
    {
        FileName = request.FileName ?? Path.GetFileName(request.FilePath);
        _stream = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var encoding = Encoding.GetEncoding(request.Encoding);
        // The header is read as a record (HasHeader = false) so that its raw text is at hand for the rejects file.
        // Empty lines come through as records (SkipEmptyLines = false) and are passed over here, so that they still
        // count in the row numbers. Malformed quoting is recovered and a row of the wrong width is returned as it is,
        // to be rejected.
        _reader = CsvReader.Create(new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: true), new CsvReaderOptions
        {
            Separator = request.Delimiter,
            HasHeader = false,
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        });
        if (!Read() || _fields is not { Length: > 0 } header)
        {
            throw new ImportFileException($"{FileName}: the file has no header row");
        }

        Header = header;
        HeaderLine = RawLine;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The header as written in the file.</summary>
    public string HeaderLine { get; }

    /// <summary>The current row's number in the file: the header is row 1 and empty lines count; a quoted field's line breaks do not.</summary>
    public long Row => _reader.RowNumber;

    public string[] Fields => _fields;

    /// <summary>The current row exactly as written, without its line ending.</summary>
    public string RawLine => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>How far through the file the reader is, 0..1.</summary>
    public double Fraction => _stream.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    public bool Read()
    {
        do
        {
            if (!_reader.Read())
            {
                _fields = [];
                return false;
            }
        }
        while (_reader.RawRecord.IsEmpty);

        _fields = new string[_reader.FieldCount];
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i] = _reader.GetString(i);
        }

        return true;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
