using System.Globalization;
using System.Text.Json;

namespace JewelHub.Mappings.Evaluation;

/// <summary>A JSON payload read by paths such as customer.phone or line_items[0].sku.</summary>
public sealed class JsonRecord(JsonElement root) : ISourceRecord
{
    public string? Read(string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            var open = segment.IndexOf('[', StringComparison.Ordinal);
            var name = open < 0 ? segment : segment[..open];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }

            for (var at = open; at >= 0; at = segment.IndexOf('[', at + 1))
            {
                var index = int.Parse(segment.AsSpan(at + 1, segment.IndexOf(']', at) - at - 1), CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(current.GetString()) ? null : current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }
}
