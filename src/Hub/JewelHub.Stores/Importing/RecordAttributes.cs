using System.Text.Encodings.Web;
using System.Text.Json;

namespace JewelHub.Stores.Importing;

/// <summary>
/// A record's attributes as stored: one JSON object of texts (an old system's column name -> the value it held), or
/// NULL when there are none.
/// </summary>
public static class RecordAttributes
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The attributes a stored object holds (none for NULL), in key order.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? json) =>
        json is null ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : new SortedDictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options)!, StringComparer.Ordinal);

    /// <summary>
    /// The stored attributes with the keys of <paramref name="added"/> they lack; a key already there keeps its value
    /// (the hub's record wins, as for every field a repeated import fills).
    /// </summary>
    public static string? Merge(string? stored, string? added)
    {
        if (added is null || stored == added)
        {
            return stored;
        }

        if (stored is null)
        {
            return added;
        }

        var merged = new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(stored, Options)!, StringComparer.Ordinal);
        var grew = false;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(added, Options)!)
        {
            grew |= merged.TryAdd(key, value);
        }

        return grew ? JsonSerializer.Serialize(merged, Options) : stored;
    }
}
