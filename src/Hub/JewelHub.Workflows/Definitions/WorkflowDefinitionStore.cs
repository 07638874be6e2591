using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Storage;

namespace JewelHub.Workflows.Definitions;

/// <summary>
/// Definition versions in hub.workflow_definitions with Elsa's rules: saving over a published version creates the next
/// draft, publishing one version unpublishes the others, and an instance keeps the version it started on.
/// </summary>
public sealed partial class WorkflowDefinitionStore(Database db, TimeProvider clock, DefinitionReader reader, DefinitionValidator validator)
{
    private const string Columns = "id, definition_id, version, name, description, is_latest, is_published, content_hash, model, origin, created_at, updated_at";

    private const string SelectLatestForUpdate = $"""
        SELECT {Columns} FROM workflow_definitions WHERE definition_id = @DefinitionId AND is_latest
        """;

    private const string Insert = $"""
        INSERT INTO workflow_definitions ({Columns})
        VALUES (@Id, @DefinitionId, @Version, @Name, @Description, @IsLatest, @IsPublished, @ContentHash, @Model, @Origin, @CreatedAt, @UpdatedAt)
        """;

    private const string UpdateDraft = """
        UPDATE workflow_definitions SET name = @Name, description = @Description, content_hash = @ContentHash, model = @Model, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    private const string ClearLatest = "UPDATE workflow_definitions SET is_latest = FALSE WHERE definition_id = @DefinitionId AND is_latest";

    private const string ClearPublished = """
        DELETE FROM workflow_triggers WHERE version_id IN (SELECT id FROM workflow_definitions WHERE definition_id = @DefinitionId);
        UPDATE workflow_definitions SET is_published = FALSE WHERE definition_id = @DefinitionId AND is_published;
        """;

    private const string MarkPublished = "UPDATE workflow_definitions SET is_published = TRUE, updated_at = @At WHERE id = @Id";

    private const string Touch = "UPDATE workflow_definition_stamp SET stamp = stamp + 1 WHERE id = 1";

    private const string InsertTrigger = "INSERT INTO workflow_triggers (version_id, activity_id, event_type) VALUES (@VersionId, @ActivityId, @EventType)";

    /// <summary>
    /// Loads a file's definition as the published version, unless the published version already has the same content
    /// (idempotent by definition id + content hash). Returns the published version and whether this call created it.
    /// </summary>
    public async Task<(StoredDefinition Definition, bool Created)> ImportPublishedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        validator.Validate(definition);
        var hash = Hash(definition.Model);
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var latest = await LatestAsync(connection, transaction, definition.DefinitionId, cancellationToken);
        if (latest is { IsPublished: true } && latest.ContentHash == hash)
        {
            return (latest, false);
        }

        var stored = await InsertVersionAsync(connection, transaction, definition, latest, hash, cancellationToken);
        stored = await PublishAsync(connection, transaction, stored, definition, cancellationToken);
        await TouchAsync(connection, transaction, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return (stored, true);
    }

    /// <summary>
    /// Saves a model as Elsa Studio does: no version yet → version 1; latest published → a new draft (version + 1);
    /// latest draft → updated in place. With <paramref name="publish"/> the version is validated and published.
    /// A draft is only refused when a JavaScript input does not parse, so a half-edited flow can be saved. A null
    /// definition id creates a new definition.
    /// </summary>
    public async Task<StoredDefinition> SaveAsync(JsonObject model, bool publish, CancellationToken cancellationToken)
    {
        if (model["definitionId"] is not JsonValue id || string.IsNullOrEmpty(id.GetValue<string>()))
        {
            model["definitionId"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        var definition = reader.Read(model, $"definition {model["definitionId"]}");
        if (publish)
        {
            validator.Validate(definition);
        }
        else
        {
            validator.ValidateScripts(definition);
        }

        var hash = Hash(definition.Model);
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var latest = await LatestAsync(connection, transaction, definition.DefinitionId, cancellationToken);
        StoredDefinition stored;
        if (latest is { IsPublished: false })
        {
            stored = latest with { Name = definition.Name, Description = definition.Description, ContentHash = hash, Model = Strip(definition.Model), UpdatedAt = clock.GetUtcNow() };
            await connection.ExecuteAsync(new CommandDefinition(UpdateDraft, stored, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            stored = await InsertVersionAsync(connection, transaction, definition, latest, hash, cancellationToken);
        }

        if (publish)
        {
            stored = await PublishAsync(connection, transaction, stored, definition, cancellationToken);
        }

        await TouchAsync(connection, transaction, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        Forget(stored.Id);
        return stored;
    }

    /// <summary>Publishes the latest version (validated). Null when the definition does not exist.</summary>
    public async Task<(StoredDefinition Definition, bool AlreadyPublished)?> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        if (await LatestAsync(connection, transaction, definitionId, cancellationToken) is not { } latest)
        {
            return null;
        }

        if (latest.IsPublished)
        {
            return (latest, true);
        }

        var definition = reader.Read(latest.Model, $"definition {definitionId}");
        validator.Validate(definition);
        var published = await PublishAsync(connection, transaction, latest, definition, cancellationToken);
        await TouchAsync(connection, transaction, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return (published, false);
    }

    /// <summary>Unpublishes the published version; it stops starting on events. Null when nothing was published.</summary>
    public async Task<StoredDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var unit = await db.BeginUnitAsync(cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var published = await connection.QuerySingleOrDefaultAsync<StoredDefinition>(new CommandDefinition(
            $"SELECT {Columns} FROM workflow_definitions WHERE definition_id = @DefinitionId AND is_published",
            new { DefinitionId = definitionId }, transaction, cancellationToken: cancellationToken));
        if (published is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(ClearPublished, new { DefinitionId = definitionId }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return published with { IsPublished = false };
    }

    /// <summary>The content hash: the model without the fields that change per version (id, version, flags, dates, links).</summary>
    public static string Hash(JsonObject model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Strip(model))));

    private static string Strip(JsonObject model)
    {
        var copy = (JsonObject)model.DeepClone();
        foreach (var volatileField in new[] { "id", "version", "isLatest", "isPublished", "createdAt", "links" })
        {
            copy.Remove(volatileField);
        }

        return copy.ToJsonString();
    }

    /// <summary>Marks, inside the writer's transaction, that the definitions changed (see <see cref="StampAsync"/>).</summary>
    private static async Task TouchAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(Touch, transaction: transaction, cancellationToken: cancellationToken));

    private async Task<StoredDefinition?> LatestAsync(DbConnection connection, DbTransaction transaction, string definitionId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<StoredDefinition>(new CommandDefinition(
            SelectLatestForUpdate + " " + db.Dialect.ForUpdate, new { DefinitionId = definitionId }, transaction, cancellationToken: cancellationToken));

    private async Task<StoredDefinition> InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, WorkflowDefinition definition, StoredDefinition? latest, string hash, CancellationToken cancellationToken)
    {
        var version = (latest?.Version ?? 0) + 1;
        var now = clock.GetUtcNow();
        var stored = new StoredDefinition
        {
            Id = $"{definition.DefinitionId}-v{version}",
            DefinitionId = definition.DefinitionId,
            Version = version,
            Name = definition.Name,
            Description = definition.Description,
            IsLatest = true,
            IsPublished = false,
            ContentHash = hash,
            Model = Strip(definition.Model),
            Origin = definition.Origin,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await connection.ExecuteAsync(new CommandDefinition(ClearLatest, stored, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Insert, stored, transaction, cancellationToken: cancellationToken));
        return stored;
    }

    private async Task<StoredDefinition> PublishAsync(
        DbConnection connection, DbTransaction transaction, StoredDefinition stored, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(ClearPublished, stored, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(MarkPublished, new { stored.Id, At = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        foreach (var (eventType, activity) in definition.Triggers)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertTrigger,
                new { VersionId = stored.Id, ActivityId = activity.Id, EventType = eventType }, transaction, cancellationToken: cancellationToken));
        }

        return stored with { IsPublished = true };
    }
}
