using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Hosting;

/// <summary>
/// Who may call /api and /elsa/api: the admin API key, or a short-lived bearer token issued for it by
/// POST /api/auth/token (ASP.NET Core's own bearer tokens, protected by the data-protection keys). The default scheme
/// looks at the Authorization header and forwards to the one that reads it.
/// </summary>
internal static class HubAuthentication
{
    public const string SchemeName = "ApiKeyOrBearer";

    public static void AddHubAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme);
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) =>
            {
                bearer.BearerTokenExpiration = auth.Value.TokenLifetime;
                bearer.RefreshTokenExpiration = auth.Value.TokenLifetime;
            });
    }
}
