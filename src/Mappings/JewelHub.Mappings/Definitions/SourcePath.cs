using System.Text.RegularExpressions;

namespace JewelHub.Mappings.Definitions;

/// <summary>Source paths of JSON payloads: dot-separated names with optional [n] indexes (customer.phone, line_items[0].sku).</summary>
public static partial class SourcePath
{
    /// <summary>True when the path is well formed.</summary>
    public static bool IsValid(string path) => Pattern().IsMatch(path);

    /// <summary>The first segment of the path (customer of customer.phone).</summary>
    public static string Root(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    [GeneratedRegex(@"^[A-Za-z_][\w -]*(\[\d+\])*(\.[A-Za-z_][\w-]*(\[\d+\])*)*$")]
    private static partial Regex Pattern();
}
