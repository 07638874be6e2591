using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>Calls /elsa/api of a running hub as the studio does (admin key, JSON bodies) and reads JSON answers.</summary>
internal sealed class ElsaClient(HubServer hub)
{
    public const string Base = "/elsa/api";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HubServer Hub => hub;

    public async Task<JsonNode> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await hub.Client.GetAsync(Base + path, Ct);
        return await ReadAsync(response, expected);
    }

    public async Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await hub.Client.PostAsJsonAsync(Base + path, body ?? new JsonObject(), Ct);
        return await ReadAsync(response, expected);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Base + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await hub.Client.SendAsync(request, Ct);
    }

    /// <summary>Saves a model as the editor does and answers the saved definition model.</summary>
    public async Task<JsonObject> SaveAsync(JsonObject body) =>
        (await PostAsync("/workflow-definitions", body))["workflowDefinition"]!.AsObject();

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
