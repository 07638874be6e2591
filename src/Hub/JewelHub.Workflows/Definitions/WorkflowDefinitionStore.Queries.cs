using System.Collections.Concurrent;
using Dapper;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Workflows.Definitions;

/// <summary>Reads of definition versions: by id, by definition id and version options, paged lists, triggers.</summary>
public sealed partial class WorkflowDefinitionStore
{
    private const string SelectById = $"SELECT {Columns} FROM workflow_definitions WHERE id = @Id";

    private const string SelectTriggered = """
        SELECT t.version_id, t.activity_id FROM workflow_triggers t WHERE t.event_type = @EventType ORDER BY t.version_id, t.activity_id
        """;

    private const string DeleteDefinition = """
        DELETE FROM workflow_triggers WHERE version_id IN (SELECT id FROM workflow_definitions WHERE definition_id = @DefinitionId);
        DELETE FROM workflow_definitions WHERE definition_id = @DefinitionId
            AND id NOT IN (SELECT definition_version_id FROM workflow_instances);
        UPDATE workflow_definitions SET is_latest = FALSE, is_published = FALSE WHERE definition_id = @DefinitionId;
        """;

    // How long this hub may answer from its cache before it checks whether another hub changed a definition.
    private static readonly TimeSpan OtherHubsCheck = TimeSpan.FromSeconds(1);

    // Parsed definitions by version id. A version changes only while it is a draft, and only through SaveAsync, which
    // drops it from here; a save through another hub on the same database shows in the definitions' stamp, which
    // empties the cache (see SeeOtherHubsAsync).
    private readonly ConcurrentDictionary<string, (StoredDefinition Stored, WorkflowDefinition Parsed)> _parsed = new(StringComparer.Ordinal);

    // Counts the entries forgotten after a change, so a load that overlapped one does not keep what it read.
    private long _forgotten;

    // The definitions' stamp when this hub last looked, and when that was (a TimeProvider timestamp; 0 = never).
    private long _stampSeen = -1;
    private long _stampCheckedAt;

    /// <summary>One version by its version id.</summary>
    public async Task<StoredDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredDefinition>(new CommandDefinition(SelectById, new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The version of a definition that <paramref name="options"/> selects (the highest when several match).</summary>
    public async Task<StoredDefinition?> FindAsync(string definitionId, VersionOptions options, CancellationToken cancellationToken)
    {
        var page = await ListAsync(new DefinitionQuery { VersionOptions = options, DefinitionIds = [definitionId], OrderBy = "Version", Descending = true, PageSize = 1 }, cancellationToken);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    /// <summary>A page of versions matching the query, with the total count.</summary>
    public async Task<DefinitionPage> ListAsync(DefinitionQuery query, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { query.VersionOptions.SqlCondition };
        if (query.DefinitionIds is { Count: > 0 })
        {
            where.Add("definition_id IN " + SqlLists.In(parameters, "DefinitionId", query.DefinitionIds));
        }

        if (query.Ids is { Count: > 0 })
        {
            where.Add("id IN " + SqlLists.In(parameters, "Id", query.Ids));
        }

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            where.Add("(LOWER(name) LIKE @Search OR LOWER(COALESCE(description, '')) LIKE @Search OR definition_id = @SearchTerm)");
        }

        var order = query.OrderBy?.ToUpperInvariant() switch
        {
            "VERSION" => "version",
            "CREATED" => "created_at",
            _ => "LOWER(COALESCE(name, definition_id))",
        };
        var direction = query.Descending ? "DESC" : "ASC";
        var filter = string.Join(" AND ", where);
        parameters.AddDynamicParams(new
        {
            query.VersionOptions.Version,
            Search = $"%{query.SearchTerm?.ToLowerInvariant()}%",
            query.SearchTerm,
            Take = Math.Clamp(query.PageSize, 1, 1000),
            Skip = Math.Max(query.Page, 0) * Math.Clamp(query.PageSize, 1, 1000),
        });
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<StoredDefinition>(new CommandDefinition(
            $"SELECT {(query.WithoutModel ? Columns.Replace("model,", "'{}' AS model,", StringComparison.Ordinal) : Columns)} FROM workflow_definitions WHERE {filter} ORDER BY {order} {direction}, version DESC LIMIT @Take OFFSET @Skip",
            parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM workflow_definitions WHERE {filter}", parameters, cancellationToken: cancellationToken));
        return new DefinitionPage(items.AsList(), (int)total);
    }

    /// <summary>
    /// A number that grows with every committed change to any definition version (save, publish, retract, delete, file
    /// load). Two equal stamps mean the definitions did not change in between, so an answer built from them still holds.
    /// </summary>
    public async Task<long> StampAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT stamp FROM workflow_definition_stamp WHERE id = 1", cancellationToken: cancellationToken));
    }

    /// <summary>True when no other definition has this name.</summary>
    public async Task<bool> IsNameUniqueAsync(string name, string? definitionId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM workflow_definitions WHERE is_latest AND LOWER(name) = LOWER(@Name) AND definition_id <> COALESCE(@DefinitionId, '')
            """, new { Name = name, DefinitionId = definitionId }, cancellationToken: cancellationToken)) == 0;
    }

    /// <summary>
    /// Deletes a definition's versions. Versions that instances still run on are kept (an instance stays on its version)
    /// but are neither latest nor published any more. Returns false when the definition does not exist.
    /// </summary>
    public async Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM workflow_definitions WHERE definition_id = @DefinitionId AND is_latest",
            new { DefinitionId = definitionId }, transaction, cancellationToken: cancellationToken)) > 0;
        await connection.ExecuteAsync(new CommandDefinition(DeleteDefinition, new { DefinitionId = definitionId }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        foreach (var key in _parsed.Keys.Where(k => k.StartsWith(definitionId + "-v", StringComparison.Ordinal)))
        {
            Forget(key);
        }

        return exists;
    }

    /// <summary>The published versions that start on <paramref name="eventType"/>, with their trigger activity.</summary>
    public async Task<IReadOnlyList<(string VersionId, string ActivityId)>> TriggeredByAsync(string eventType, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition(
            SelectTriggered, new { EventType = eventType }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The parsed definition of a version (cached), or null when the version does not exist.</summary>
    public async Task<WorkflowDefinition?> LoadAsync(string versionId, CancellationToken cancellationToken) =>
        (await LoadVersionAsync(versionId, cancellationToken))?.Parsed;

    /// <summary>A version row (as it was when cached; the flags may have changed since) with its parsed definition.</summary>
    public async Task<(StoredDefinition Stored, WorkflowDefinition Parsed)?> LoadVersionAsync(string versionId, CancellationToken cancellationToken)
    {
        await SeeOtherHubsAsync(cancellationToken);
        if (_parsed.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        // A save that commits while this reads may forget the entry before this adds its (older) parse: such a parse is
        // answered but taken out of the cache again, so the next load reads the saved row.
        var forgotten = Volatile.Read(ref _forgotten);
        if (await FindByIdAsync(versionId, cancellationToken) is not { } stored)
        {
            return null;
        }

        var definition = reader.Read(stored.Model, stored.Origin ?? $"definition {stored.DefinitionId} v{stored.Version}");
        var entry = _parsed.GetOrAdd(versionId, (stored, definition));
        if (Volatile.Read(ref _forgotten) != forgotten)
        {
            _parsed.TryRemove(new KeyValuePair<string, (StoredDefinition, WorkflowDefinition)>(versionId, entry));
        }

        return entry;
    }

    /// <summary>
    /// At most once a second, reads the definitions' stamp; when it moved since the last look (a save, publish, retract
    /// or delete, through this hub or another one on the same database), forgets every parsed definition. A draft saved
    /// through another hub is so run as saved within a second; one saved through this hub at once.
    /// </summary>
    private async Task SeeOtherHubsAsync(CancellationToken cancellationToken)
    {
        var checkedAt = Volatile.Read(ref _stampCheckedAt);
        if (checkedAt != 0 && clock.GetElapsedTime(checkedAt) < OtherHubsCheck)
        {
            return;
        }

        Volatile.Write(ref _stampCheckedAt, clock.GetTimestamp());
        var stamp = await StampAsync(cancellationToken);
        if (Interlocked.Exchange(ref _stampSeen, stamp) != stamp)
        {
            Interlocked.Increment(ref _forgotten);
            _parsed.Clear();
        }
    }

    private void Forget(string versionId)
    {
        Interlocked.Increment(ref _forgotten);
        _parsed.TryRemove(versionId, out _);
    }
}
