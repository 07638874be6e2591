using JewelHub.Workflows.Definitions;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>The studio list's bulk actions: publish, retract and delete many definitions by definition id.</summary>
internal static class ElsaDefinitionBulkEndpoints
{
    public static void MapElsaDefinitionBulkEndpoints(this RouteGroupBuilder elsa)
    {
        var group = elsa.MapGroup("/bulk-actions");
        group.MapPost("/publish/workflow-definitions/by-definition-ids", PublishAsync);
        group.MapPost("/retract/workflow-definitions/by-definition-ids", RetractAsync);
        group.MapPost("/delete/workflow-definitions/by-definition-id", DeleteAsync);
    }

    /// <summary>Publishes each latest version; one that cannot run is listed under "skipped" with the others untouched.</summary>
    private static async Task<IResult> PublishAsync(BulkDefinitionsRequest? body, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        List<string> published = [], alreadyPublished = [], notFound = [], skipped = [];
        foreach (var definitionId in body?.DefinitionIds ?? [])
        {
            try
            {
                var result = await definitions.PublishAsync(definitionId, cancellationToken);
                (result is null ? notFound : result.Value.AlreadyPublished ? alreadyPublished : published).Add(definitionId);
            }
            catch (DefinitionException)
            {
                skipped.Add(definitionId);
            }
        }

        return ElsaJson.Ok(new { published, alreadyPublished, notFound, skipped, updatedConsumers = Array.Empty<string>() });
    }

    private static async Task<IResult> RetractAsync(BulkDefinitionsRequest? body, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        List<string> retracted = [], alreadyRetracted = [], notFound = [];
        foreach (var definitionId in body?.DefinitionIds ?? [])
        {
            if (await definitions.RetractAsync(definitionId, cancellationToken) is not null)
            {
                retracted.Add(definitionId);
            }
            else
            {
                var exists = await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken) is not null;
                (exists ? alreadyRetracted : notFound).Add(definitionId);
            }
        }

        return ElsaJson.Ok(new { retracted, alreadyRetracted, notFound });
    }

    private static async Task<IResult> DeleteAsync(BulkDefinitionsRequest? body, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var definitionId in body?.DefinitionIds ?? [])
        {
            deleted += await definitions.DeleteAsync(definitionId, cancellationToken) ? 1 : 0;
        }

        return ElsaJson.Ok(new { deleted });
    }
}

/// <summary>The body of the bulk actions.</summary>
internal sealed record BulkDefinitionsRequest(IReadOnlyList<string>? DefinitionIds);
