using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// The part of Elsa 3's REST API that Elsa Studio calls, under /elsa/api, backed by the JewelHub runtime.
/// Everything here answers 401 without the admin credentials.
/// </summary>
public static class ElsaApi
{
    /// <summary>The response headers Run reads; exposed so a studio on another origin can read them too.</summary>
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";

    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static void MapElsaApi(this IEndpointRouteBuilder app)
    {
        var elsa = app.MapGroup("/elsa/api").RequireAuthorization(HubApp.AdminPolicy).WithTags("Elsa Studio").ExcludeFromDescription();
        elsa.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlExposeHeaders = $"{InstanceIdHeader}, {CannotStartHeader}";
            return await next(context);
        });
        elsa.MapGet("/features/installed", () => ElsaJson.List(Array.Empty<object>()));
        elsa.MapElsaDefinitionEndpoints();
        elsa.MapElsaDefinitionBulkEndpoints();
        elsa.MapElsaDescriptorEndpoints();
        elsa.MapElsaRunEndpoints();
        elsa.MapElsaInstanceEndpoints();
        elsa.MapElsaJournalEndpoints();
        elsa.MapElsaExecutionEndpoints();
        elsa.MapElsaScriptingEndpoints();
        elsa.MapElsaAlterationEndpoints();
    }
}
