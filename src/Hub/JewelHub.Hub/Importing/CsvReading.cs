using System.Text;

namespace JewelHub.Hub.Importing;

/// <summary>
/// The reading options an operator gives for a file (delimiter and encoding), checked the same way for the CLI and the
/// API, each with a sentence saying what is allowed.
/// </summary>
public static class CsvReading
{
    /// <summary>The delimiters detected from the header when none is given.</summary>
    public const string Detected = ", ; \\t |";

    static CsvReading() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Reads a delimiter as an operator writes it: one character, <c>\t</c> or <c>tab</c> for a tab; empty or <c>auto</c>
    /// means detect it from the header (null).
    /// </summary>
    public static bool TryParseDelimiter(string? text, out char? delimiter, out string? error)
    {
        delimiter = null;
        error = null;
        if (string.IsNullOrEmpty(text) || text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var value = text is @"\t" || text.Equals("tab", StringComparison.OrdinalIgnoreCase) ? '\t' : text.Length == 1 ? text[0] : (char?)null;
        if (value is not { } c || c > 127 || c is '"' or '\r' or '\n')
        {
            error = $"must be one character such as , ; | or \\t for a tab (any ASCII character but a quote or a line break), or auto to detect {Detected} from the header; '{text}' is not";
            return false;
        }

        delimiter = c;
        return true;
    }

    /// <summary>Writes a delimiter the way <see cref="TryParseDelimiter"/> reads it.</summary>
    public static string Show(char delimiter) => delimiter == '\t' ? @"\t" : delimiter.ToString();

    /// <summary>The encoding with this name or code page number: every encoding .NET provides, Windows code pages included.</summary>
    public static bool TryGetEncoding(string? name, out Encoding encoding, out string? error)
    {
        encoding = Encoding.UTF8;
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return true;
        }

        try
        {
            encoding = int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name.Trim());
            return true;
        }
        catch (Exception unknown) when (unknown is ArgumentException or NotSupportedException)
        {
            error = $"'{name}' is not an encoding this hub knows; use a name such as utf-8, utf-16, windows-1252, iso-8859-1 or a code page number such as 1252";
            return false;
        }
    }
}
