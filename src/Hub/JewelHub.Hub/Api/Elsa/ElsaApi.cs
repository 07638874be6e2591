using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// The part of Elsa 3's REST API that Elsa Studio calls, under /elsa/api, backed by the JewelHub runtime.
/// Everything here answers 401 without the admin credentials.
/// </summary>
public static class ElsaApi
{
    public static void MapElsaApi(this IEndpointRouteBuilder app)
    {
        var elsa = app.MapGroup("/elsa/api").RequireAuthorization(HubApp.AdminPolicy).WithTags("Elsa Studio").ExcludeFromDescription();
        elsa.MapGet("/features/installed", () => TypedResults.Ok(new { items = Array.Empty<object>(), count = 0 }));
    }
}
