using System.Security.Claims;
using JewelHub.Hub.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JewelHub.Hub.Api.Auth;

/// <summary>POST /api/auth/token: exchanges the admin API key for a short-lived bearer token (Auth:TokenLifetime).</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", Issue).WithName("IssueToken");
        return group;
    }

    /// <summary>
    /// Answers {tokenType, accessToken, expiresIn, refreshToken}. Only the API key buys a token: a token cannot renew
    /// itself, so a leaked token dies with its lifetime.
    /// </summary>
    private static Results<SignInHttpResult, ProblemHttpResult> Issue(ClaimsPrincipal user)
    {
        if (user.Identity?.AuthenticationType != ApiKeyAuthentication.SchemeName)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Send the API key",
                detail: "A bearer token is issued for the admin API key only ('Authorization: ApiKey <key>' or 'X-Api-Key').");
        }

        var identity = new ClaimsIdentity(user.Claims, BearerTokenDefaults.AuthenticationScheme);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
