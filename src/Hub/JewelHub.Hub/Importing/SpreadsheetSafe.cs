using System.Text;

namespace JewelHub.Hub.Importing;

/// <summary>
/// Keeps CSV the hub writes from running as formulas when a spreadsheet opens it: a cell that starts with = + - @, a tab
/// or a carriage return gets a leading single quote, as OWASP's CSV injection advice says. The quote shows, and the
/// spreadsheet reads the cell as text; a negative number in such a file reads as text too.
/// </summary>
public static class SpreadsheetSafe
{
    /// <summary>Whether a cell starting with <paramref name="first"/> would be read as a formula.</summary>
    public static bool IsFormulaStart(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>One cell's text, quote-prefixed when it would be read as a formula.</summary>
    public static string Cell(string value) => value.Length > 0 && IsFormulaStart(value[0]) ? "'" + value : value;

    /// <summary>
    /// A CSV record as it was read (cells separated by <paramref name="delimiter"/>, quoted or not) with every cell that
    /// would be read as a formula quote-prefixed, inside its quotes when it has them; everything else is unchanged.
    /// </summary>
    public static string Record(string raw, char delimiter)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var safe = new StringBuilder(raw.Length + 8);
        var cellStart = true;
        var quoted = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (cellStart)
            {
                cellStart = false;
                if (c == '"')
                {
                    quoted = true;
                    safe.Append(c);
                    if (i + 1 < raw.Length && raw[i + 1] != '"' && IsFormulaStart(raw[i + 1]))
                    {
                        safe.Append('\'');
                    }

                    continue;
                }

                if (c != delimiter && IsFormulaStart(c))
                {
                    safe.Append('\'');
                }
            }

            safe.Append(c);
            if (quoted)
            {
                if (c == '"' && i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    safe.Append(raw[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == delimiter || c == '\n')
            {
                cellStart = true;
            }
        }

        return safe.ToString();
    }
}
