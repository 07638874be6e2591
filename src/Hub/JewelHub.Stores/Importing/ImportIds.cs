using System.Security.Cryptography;
using System.Text;

namespace JewelHub.Stores.Importing;

/// <summary>
/// Ids of records an import creates, derived from the system and the legacy key rather than random, so an interrupted
/// and resumed import ends with exactly the rows an uninterrupted one writes.
/// </summary>
internal static class ImportIds
{
    /// <summary>A version-5-style UUID string for (kind, system, key).</summary>
    public static string For(string kind, string system, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"jewelhub-import-{kind}\n{system}\n{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
