using System.Text;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// What the studio's JavaScript editor and Outputs tab ask for: TypeScript declarations of a definition's variables,
/// functions and outputs (IntelliSense), and the output converters (the hub has none).
/// </summary>
internal static class ElsaScriptingEndpoints
{
    public static void MapElsaScriptingEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}", TypeDefinitionsAsync);
        elsa.MapGet("/descriptors/output-converters", OutputConverters);
    }

    /// <summary>
    /// POST /scripting/javascript/type-definitions/{definitionId}: as Elsa, the latest version's declarations as the
    /// file elsa.{definitionId}.d.ts (application/x-typescript); the body (activity type, property) is not needed.
    /// </summary>
    private static async Task<IResult> TypeDefinitionsAsync(
        string definitionId, WorkflowDefinitionStore definitions, ActivityRegistry registry, CancellationToken cancellationToken)
    {
        if (await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken) is not { } stored
            || await definitions.LoadAsync(stored.Id, cancellationToken) is not { } definition)
        {
            return Hosting.FieldErrors.One("definitionId", $"no workflow definition has the id '{definitionId}'");
        }

        var text = ScriptTypeDefinitions.For(definition, registry);
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "application/x-typescript", $"elsa.{definitionId}.d.ts");
    }

    /// <summary>
    /// GET /descriptors/output-converters?sourceType=&amp;destinationType=: as Elsa, both types are required; the hub
    /// converts no outputs, so the list is empty.
    /// </summary>
    private static IResult OutputConverters(string? sourceType, string? destinationType)
    {
        var errors = new Hosting.FieldErrors();
        if (string.IsNullOrWhiteSpace(sourceType))
        {
            errors.Add("sourceType", "is required");
        }

        if (string.IsNullOrWhiteSpace(destinationType))
        {
            errors.Add("destinationType", "is required");
        }

        return errors.Any ? errors.ToProblem() : ElsaJson.List(Array.Empty<OutputConverterDescriptorResponse>());
    }
}

/// <summary>An output converter the Outputs tab offers (the hub has none).</summary>
internal sealed record OutputConverterDescriptorResponse(string Id, string SourceTypeName, string ResultTypeName, string DisplayName, string? Description);
