using System.Text;
using CsvHelper;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Reads a CSV file one row at a time (never the whole file): the header, each row's fields, its row number (the
/// header is row 1) and its original text for the rejects file. The delimiter is the request's, or detected from the
/// header among , ; tab and |. Rows of the wrong width are returned as they are, to be rejected; a row whose quote is
/// never closed is returned as <see cref="Malformed"/> with only its own line, and the lines its quote would have
/// swallowed are read again as rows of their own.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly Stack<Frame> _frames = new();
    private CsvMalformedReason? _malformed;
    private string[] _fields = [];
    private string? _malformedLine;

    public CsvSource(ImportRequest request)
    {
        FileName = request.FileName ?? Path.GetFileName(request.FilePath);
        if (!CsvReading.TryGetEncoding(request.Encoding, out var encoding, out var problem))
        {
            throw new ImportFileException($"--encoding: {problem}");
        }

        if (!File.Exists(request.FilePath))
        {
            throw new ImportFileException($"{request.FilePath}: file not found");
        }

        _stream = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        // The header is read as a record (HasHeader = false) so that its raw text is at hand for the rejects file.
        // Empty lines come through as records (SkipEmptyLines = false) and are passed over here, so that they still
        // count in the row numbers. Malformed quoting is recovered and reported (OnMalformedRecord), and a row of the
        // wrong width is returned as it is, to be rejected.
        _frames.Push(new Frame(CsvReader.Create(new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: true), Options(request.Delimiter)), 0));
        if (!Read() || _fields is not { Length: > 0 } header)
        {
            throw new ImportFileException($"{FileName}: the file has no header row");
        }

        Header = header;
        HeaderLine = RawLine;
        Delimiter = _frames.Peek().Reader.Separator;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The header as written in the file.</summary>
    public string HeaderLine { get; }

    /// <summary>The field delimiter: the one asked for, or the one detected from the header.</summary>
    public char Delimiter { get; }

    /// <summary>The current row's number in the file: the header is row 1 and empty lines count; a quoted field's line breaks do not.</summary>
    public long Row { get; private set; }

    public string[] Fields => _fields;

    /// <summary>
    /// Set when the current row's quoting is broken (a quote never closed): the column where it starts, the reason,
    /// and the row's own line as the rejects file writes it (the quote closed at the end of the line, empty cells up to
    /// the header's width), so that its row, column and reason stay in their own columns.
    /// </summary>
    public MalformedRow? Malformed { get; private set; }

    /// <summary>The current row exactly as written, without its line ending.</summary>
    public string RawLine => _malformedLine ?? Encoding.UTF8.GetString(_frames.Peek().Reader.RawRecord);

    /// <summary>How far through the file the reader is, 0..1.</summary>
    public double Fraction => _stream.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    public bool Read()
    {
        while (true)
        {
            var frame = _frames.Peek();
            _malformed = null;
            if (!frame.Reader.Read())
            {
                if (_frames.Count == 1)
                {
                    _fields = [];
                    return false;
                }

                // The lines a broken quote swallowed are read again; the row numbers after them go on from there.
                _frames.Pop().Reader.Dispose();
                _frames.Peek().Offset += frame.Count + frame.Offset;
                continue;
            }

            frame.Count++;
            if (frame.Reader.RawRecord.IsEmpty)
            {
                continue;
            }

            Row = frame.Base + frame.Offset + frame.Reader.RowNumber;
            Malformed = null;
            _malformedLine = null;
            if (_malformed is { } reason && (reason == CsvMalformedReason.UnterminatedQuote || frame.Reader.RawRecord.IndexOfAny((byte)'\r', (byte)'\n') >= 0))
            {
                Broken(frame);
                return true;
            }

            _fields = new string[frame.Reader.FieldCount];
            for (var i = 0; i < _fields.Length; i++)
            {
                _fields[i] = frame.Reader.GetString(i);
            }

            return true;
        }
    }

    public void Dispose()
    {
        while (_frames.Count > 0)
        {
            _frames.Pop().Reader.Dispose();
        }

        _stream.Dispose();
    }

    // A row whose quote runs past its own line: the row is its first line (rejected), and the lines after it are read
    // again as rows, so that one stray quote cannot swallow the rest of the file.
    private void Broken(Frame frame)
    {
        var text = Encoding.UTF8.GetString(frame.Reader.RawRecord);
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        var fieldCount = frame.Reader.FieldCount;
        var column = Header is { } header && fieldCount - 1 < header.Count ? header[Math.Max(0, fieldCount - 1)] : "*";
        var closed = line.Count(c => c == '"') % 2 == 1 ? line + "\"" : line;
        var padding = Header is null ? 0 : Math.Max(0, Header.Count - fieldCount);
        Malformed = new MalformedRow(column, $"the quote that opens the {column} value is never closed on its line; close it, or put the value in quotes with any quote inside it doubled",
            closed + new string(frame.Reader.Separator, padding));
        _malformedLine = line;
        _fields = [];
        if (end >= 0)
        {
            var rest = text[(end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1))..];
            _frames.Push(new Frame(CsvReader.FromText(rest, Options(frame.Reader.Separator)), Row));
        }
    }

    private CsvReaderOptions Options(char? delimiter) => new()
    {
        Separator = delimiter,
        HasHeader = false,
        SkipEmptyLines = false,
        DetectSeparatorHint = false,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        OnMalformedRecord = record => _malformed ??= record.Reason,
    };

    private sealed class Frame(CsvReader reader, long rowBase)
    {
        public CsvReader Reader { get; } = reader;
        public long Base { get; } = rowBase;
        public long Offset { get; set; }
        public long Count { get; set; }
    }
}

/// <summary>A row whose quoting is broken: the column where it breaks, why, and its text for the rejects file.</summary>
internal sealed record MalformedRow(string Column, string Reason, string RejectsText);
