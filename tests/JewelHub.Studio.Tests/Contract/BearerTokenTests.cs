using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>POST /api/auth/token and the bearer token on /api and /elsa/api.</summary>
public sealed class BearerTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_ForTheAdminKey_OpensApiAndElsaApiButCannotRenewItself()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var response = await hub.Client.PostAsync("/api/auth/token", null, Ct);
        var token = (await ElsaClient.ReadAsync(response, HttpStatusCode.OK)).AsObject();
        using var bearer = hub.CreateClient(new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>()));

        using var elsa = await bearer.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest", Ct);
        using var api = await bearer.GetAsync("/api/events", Ct);
        using var renew = await bearer.PostAsync("/api/auth/token", null, Ct);
        using var anonymous = hub.CreateClient(withAdminKey: false);
        using var noKey = await anonymous.PostAsync("/api/auth/token", null, Ct);

        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());
        Assert.Equal(3600, token["expiresIn"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, elsa.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, renew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.NotNull(await elsa.Content.ReadFromJsonAsync<JsonObject>(Ct));
    }

    [Fact]
    public async Task Token_Tampered_Answers401()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:01:00" });
        using var response = await hub.Client.PostAsync("/api/auth/token", null, Ct);
        var token = (await ElsaClient.ReadAsync(response, HttpStatusCode.OK))["accessToken"]!.GetValue<string>();
        var tampered = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var bad = hub.CreateClient(new AuthenticationHeaderValue("Bearer", tampered));

        using var answer = await bad.GetAsync("/elsa/api/workflow-definitions", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }
}
