using Dapper;
using JewelHub.Storage;

namespace JewelHub.Workflows.Runtime;

/// <summary>How far a loop has read the hub's event log, by loop name.</summary>
public sealed class WorkflowCursorStore(Database db, TimeProvider clock)
{
    private const string Select = "SELECT position FROM workflow_cursors WHERE name = @Name";

    private const string Upsert = """
        INSERT INTO workflow_cursors (name, position, updated_at) VALUES (@Name, @Position, @At)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;

    /// <summary>The last position processed (0 before the first event).</summary>
    public async Task<long> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Select, new { Name = name }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>Records that every event up to <paramref name="position"/> was processed.</summary>
    public async Task AdvanceAsync(string name, long position, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        await unit.Connection.ExecuteAsync(unit.Command(Upsert, new { Name = name, Position = position, At = clock.GetUtcNow() }, cancellationToken));
        await unit.CommitAsync(cancellationToken);
    }
}
