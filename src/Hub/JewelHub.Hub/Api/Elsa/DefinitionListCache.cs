using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// The JSON of recent definition lists, by query string, each kept with the definitions' stamp it was built from. The
/// studio's instance list asks for every definition (about a megabyte for a thousand) each time it opens; while no
/// definition changed, the same bytes are sent again instead of being read and written anew. A stamp that moved on
/// makes the entry useless, so an answer never lags a committed change.
/// </summary>
internal sealed class DefinitionListCache
{
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, DefinitionListBody> _entries = new(StringComparer.Ordinal);

    /// <summary>The body built for this query at this stamp, if there is one.</summary>
    public DefinitionListBody? Find(string query, long stamp) =>
        _entries.TryGetValue(query, out var body) && body.Stamp == stamp ? body : null;

    /// <summary>Keeps a body; when full, starts again rather than tracking use (lists are cheap to rebuild once).</summary>
    public DefinitionListBody Keep(string query, long stamp, byte[] json)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        var body = new DefinitionListBody(stamp, json, $"\"{Convert.ToHexStringLower(SHA256.HashData(json))[..20]}\"");
        _entries[query] = body;
        return body;
    }
}

/// <summary>One cached list answer: the stamp it reflects, its JSON, and an ETag drawn from the JSON itself.</summary>
internal sealed record DefinitionListBody(long Stamp, byte[] Json, string ETag);
