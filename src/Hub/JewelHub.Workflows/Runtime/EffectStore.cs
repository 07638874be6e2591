using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Workflows.Runtime;

/// <summary>
/// Results of effects that have no store of their own to dedupe in (HTTP calls to other systems), by effect key
/// (instance id + activity execution id): a replayed step reads the recorded result instead of calling again.
/// </summary>
public sealed class EffectStore(Database db, TimeProvider clock)
{
    private const string Select = "SELECT result FROM workflow_effects WHERE key = @Key";

    private const string Insert = "INSERT INTO workflow_effects (key, result, at) VALUES (@Key, @Result, @At) ON CONFLICT (key) DO NOTHING";

    /// <summary>The recorded result of an effect, or null when it has not happened yet.</summary>
    public async Task<JsonNode?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Select, new { Key = key }, cancellationToken: cancellationToken));
        return json is null ? null : JsonNode.Parse(json);
    }

    /// <summary>Records an effect's result; the first record of a key wins.</summary>
    public async Task RecordAsync(string key, JsonNode result, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await unit.Connection.ExecuteAsync(unit.Command(Insert, new { Key = key, Result = result.ToJsonString(), At = clock.GetUtcNow() }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
    }
}
