using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>Workflow definitions for Elsa Studio: list, read, save (Elsa's version rules), publish, retract, delete, export, import.</summary>
internal static class ElsaDefinitionEndpoints
{
    public static void MapElsaDefinitionEndpoints(this RouteGroupBuilder elsa)
    {
        var group = elsa.MapGroup("/workflow-definitions");
        group.MapGet("/", ListAsync);
        group.MapGet("/by-definition-id/{definitionId}", ByDefinitionIdAsync);
        group.MapGet("/by-id/{id}", ByIdAsync);
        group.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        group.MapPost("/", SaveAsync);
        group.MapPost("/import", ImportAsync);
        group.MapPost("/{definitionId}/publish", PublishAsync);
        group.MapPost("/{definitionId}/retract", RetractAsync);
        group.MapDelete("/{definitionId}", DeleteAsync);
        group.MapGet("/{definitionId}/export", ExportAsync);
    }

    /// <summary>
    /// GET /workflow-definitions. versionOptions: absent or empty = every version; PageSize absent = everything (up to
    /// 1000 rows). IsSystem=True answers an empty page: the hub has no system workflows. Answers carry an ETag; while
    /// no definition changed, the same query is answered from <see cref="DefinitionListCache"/> (304 to If-None-Match).
    /// </summary>
    private static async Task<IResult> ListAsync(
        HttpRequest request,
        WorkflowDefinitionStore definitions,
        DefinitionListCache cache,
        [FromQuery(Name = "Page")] int? page,
        [FromQuery(Name = "PageSize")] int? pageSize,
        [FromQuery(Name = "SearchTerm")] string? searchTerm,
        [FromQuery(Name = "IsSystem")] bool? isSystem,
        [FromQuery(Name = "OrderBy")] string? orderBy,
        [FromQuery(Name = "OrderDirection")] string? orderDirection,
        [FromQuery(Name = "DefinitionIds")] string[]? definitionIds,
        [FromQuery(Name = "Ids")] string[]? ids,
        CancellationToken cancellationToken)
    {
        var text = request.Query.TryGetValue("versionOptions", out var value) ? value.ToString() : "";
        if (!VersionOptions.TryParse(text, VersionOptions.Latest, out var versionOptions))
        {
            return VersionOptionsProblem(text);
        }

        if (isSystem == true)
        {
            return ElsaJson.Ok(new { items = Array.Empty<ElsaDefinitionSummaryResponse>(), totalCount = 0, links = ElsaDefinitionViews.ListLinks });
        }

        var key = request.QueryString.Value ?? "";
        var stamp = await definitions.StampAsync(cancellationToken);
        var body = cache.Find(key, stamp);
        if (body is null)
        {
            var result = await definitions.ListAsync(new DefinitionQuery
            {
                VersionOptions = versionOptions,
                DefinitionIds = definitionIds is { Length: > 0 } ? definitionIds : null,
                Ids = ids is { Length: > 0 } ? ids : null,
                SearchTerm = searchTerm,
                Page = pageSize is null ? 0 : page ?? 0,
                PageSize = pageSize ?? 1000,
                OrderBy = orderBy,
                Descending = string.Equals(orderDirection, "Descending", StringComparison.OrdinalIgnoreCase),
                WithoutModel = true,
            }, cancellationToken);
            var answer = new { items = result.Items.Select(ElsaDefinitionViews.Summary).ToList(), totalCount = result.TotalCount, links = ElsaDefinitionViews.ListLinks };
            body = cache.Keep(key, stamp, JsonSerializer.SerializeToUtf8Bytes(answer, ElsaJson.Options));
        }

        request.HttpContext.Response.Headers.ETag = body.ETag;
        return request.Headers.IfNoneMatch == body.ETag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(body.Json, "application/json; charset=utf-8");
    }

    /// <summary>GET /workflow-definitions/by-definition-id/{definitionId}?versionOptions= (absent = Latest).</summary>
    private static async Task<IResult> ByDefinitionIdAsync(
        string definitionId, string? versionOptions, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(string.IsNullOrEmpty(versionOptions) ? null : versionOptions, VersionOptions.Latest, out var options))
        {
            return VersionOptionsProblem(versionOptions!);
        }

        return await definitions.FindAsync(definitionId, options, cancellationToken) is { } stored
            ? ElsaJson.Ok(ElsaDefinitionViews.Model(stored))
            : TypedResults.NotFound();
    }

    private static async Task<IResult> ByIdAsync(string id, WorkflowDefinitionStore definitions, CancellationToken cancellationToken) =>
        await definitions.FindByIdAsync(id, cancellationToken) is { } stored ? ElsaJson.Ok(ElsaDefinitionViews.Model(stored)) : TypedResults.NotFound();

    private static async Task<IResult> IsNameUniqueAsync(string? name, string? definitionId, WorkflowDefinitionStore definitions, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new { isUnique = string.IsNullOrWhiteSpace(name) || await definitions.IsNameUniqueAsync(name, definitionId, cancellationToken) });

    /// <summary>
    /// POST /workflow-definitions {model, publish}: latest published → a new draft; latest draft → updated in place; none →
    /// version 1. With publish:true the saved version is validated and published; when it cannot run, the draft stays
    /// saved and the answer is 400 with the problems.
    /// </summary>
    private static async Task<IResult> SaveAsync(SaveDefinitionRequest? body, WorkflowDefinitionStore definitions, ActivityRegistry registry, CancellationToken cancellationToken)
    {
        if (body?.Model is not { } model)
        {
            return Hosting.FieldErrors.One("model", "is required");
        }

        ElsaModelDefaults.Apply(model, registry);
        StoredDefinition saved;
        try
        {
            saved = await definitions.SaveAsync(model, publish: false, cancellationToken);
        }
        catch (DefinitionException exception)
        {
            return Hosting.FieldErrors.One("model.root", string.Join("; ", exception.Problems));
        }

        return body.Publish == true
            ? await PublishAsync(saved.DefinitionId, definitions, cancellationToken)
            : ElsaJson.Ok(await SavedAsync(definitions, saved, false, cancellationToken));
    }

    /// <summary>POST /workflow-definitions/{definitionId}/publish: the latest version becomes the published one.</summary>
    private static async Task<IResult> PublishAsync(string definitionId, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        try
        {
            return await definitions.PublishAsync(definitionId, cancellationToken) is { } result
                ? ElsaJson.Ok(await SavedAsync(definitions, result.Definition, result.AlreadyPublished, cancellationToken))
                : TypedResults.NotFound();
        }
        catch (DefinitionException exception)
        {
            var draft = await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken);
            var errors = exception.Problems.Select(p => new ValidationErrorResponse(p.ActivityId, p.Message)).ToList();
            return TypedResults.Json(new SaveDefinitionResponse(draft is null ? null : ElsaDefinitionViews.Model(draft), false, 0, errors), ElsaJson.Options, statusCode: 400);
        }
    }

    /// <summary>POST /workflow-definitions/{definitionId}/retract: nothing of this definition is published any more; answers the latest version.</summary>
    private static async Task<IResult> RetractAsync(string definitionId, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        await definitions.RetractAsync(definitionId, cancellationToken);
        return await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken) is { } latest
            ? ElsaJson.Ok(ElsaDefinitionViews.Model(latest))
            : TypedResults.NotFound();
    }

    private static async Task<IResult> DeleteAsync(string definitionId, WorkflowDefinitionStore definitions, CancellationToken cancellationToken) =>
        await definitions.DeleteAsync(definitionId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>GET /workflow-definitions/{definitionId}/export: the file workflows/ would hold for this definition.</summary>
    private static async Task<IResult> ExportAsync(string definitionId, string? versionOptions, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(string.IsNullOrEmpty(versionOptions) ? null : versionOptions, VersionOptions.Latest, out var options))
        {
            return VersionOptionsProblem(versionOptions!);
        }

        return await definitions.FindAsync(definitionId, options, cancellationToken) is { } stored
            ? TypedResults.File(Encoding.UTF8.GetBytes(ElsaDefinitionViews.Export(stored)), "application/json", stored.DefinitionId + ".json")
            : TypedResults.NotFound();
    }

    /// <summary>
    /// POST /workflow-definitions/import with an exported file: saved as the definition's next draft (or version 1),
    /// read as a workflows/ file is (no input defaults added), so exporting it again gives the same file.
    /// </summary>
    private static async Task<IResult> ImportAsync(JsonObject? model, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (model?["root"] is not JsonObject)
        {
            return Hosting.FieldErrors.One("root", "is required");
        }

        try
        {
            return ElsaJson.Ok(ElsaDefinitionViews.Model(await definitions.SaveAsync(model, publish: false, cancellationToken)));
        }
        catch (DefinitionException exception)
        {
            return Hosting.FieldErrors.One("root", string.Join("; ", exception.Problems));
        }
    }

    private static async Task<SaveDefinitionResponse> SavedAsync(
        WorkflowDefinitionStore definitions, StoredDefinition stored, bool alreadyPublished, CancellationToken cancellationToken) =>
        new(ElsaDefinitionViews.Model(stored), alreadyPublished, 0, [], (await definitions.LoadAsync(stored.Id, cancellationToken))?.Warnings ?? []);

    private static IResult VersionOptionsProblem(string text) => Hosting.FieldErrors.One(
        "versionOptions", $"'{text}' is not Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a version number");
}

/// <summary>The body of POST /workflow-definitions.</summary>
internal sealed record SaveDefinitionRequest(JsonObject? Model, bool? Publish);
