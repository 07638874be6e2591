using System.Text.Encodings.Web;
using System.Text.Json;

namespace JewelHub.Hub.Importing;

/// <summary>
/// The columns of a file that no rule of its map reads, and for each row their non-empty values as one JSON object
/// (column name -> text as written, trimmed), so that nothing the old system knew is lost. Null for a row without any.
/// </summary>
internal sealed class RowAttributes(IReadOnlyList<(int Index, string Name)> columns)
{
    // Names and values in other scripts stay readable in the database and the API.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The unread columns' names, in header order.</summary>
    public IReadOnlyList<string> Columns { get; } = columns.Select(c => c.Name).ToList();

    /// <summary>The row's attributes as a JSON object, or null when the map reads every column or the row leaves them empty.</summary>
    public string? Of(string[] fields)
    {
        if (columns.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var (index, name) in columns)
            {
                var value = index < fields.Length ? fields[index].Trim() : "";
                if (value.Length > 0)
                {
                    writer.WriteString(name, value);
                    any = true;
                }
            }

            writer.WriteEndObject();
        }

        return any ? System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) : null;
    }
}
