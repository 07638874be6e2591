using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Reads a CSV file one row at a time (never the whole file): the header, each row's fields, its row number (the
/// header is row 1) and its original text for the rejects file. Malformed rows are returned as they are, to be rejected.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly CsvReader _reader;

    public CsvSource(ImportRequest request)
    {
        FileName = request.FileName ?? Path.GetFileName(request.FilePath);
        _stream = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var encoding = Encoding.GetEncoding(request.Encoding);
        _reader = new CsvReader(new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: true), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = request.Delimiter.ToString(),
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        });
        if (!_reader.Read() || !_reader.ReadHeader() || _reader.HeaderRecord is not { Length: > 0 } header)
        {
            throw new ImportFileException($"{FileName}: the file has no header row");
        }

        Header = header;
        HeaderLine = _reader.Parser.RawRecord.TrimEnd('\r', '\n');
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The header as written in the file.</summary>
    public string HeaderLine { get; }

    /// <summary>The current row's number in the file (the header is row 1).</summary>
    public long Row => _reader.Parser.Row;

    public string[] Fields => _reader.Parser.Record ?? [];

    /// <summary>The current row exactly as written, without its line ending.</summary>
    public string RawLine => _reader.Parser.RawRecord.TrimEnd('\r', '\n');

    /// <summary>How far through the file the reader is, 0..1.</summary>
    public double Fraction => _stream.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    public bool Read() => _reader.Read();

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
