using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Hosting;

/// <summary>
/// Requests the framework cannot read are answered for people: the field as sent (JSON path, query or form part) and
/// what it allows, never a .NET type name; 413 for a body over the limit; malformed multipart is a 400.
/// </summary>
public sealed class ProblemDetailsTests
{
    private const string Rate = """{"metal":"Gold","fineness":916,"pricePerGram":6500,"currency":"INR","source":"board","asOf":"2026-04-01T04:00:00Z"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string, string, string, string> UnreadableBodies => new()
    {
        { DatabaseProvider.Sqlite, "/api/metal-rates", Rate.Replace("\"Gold\"", "\"Brass\"", StringComparison.Ordinal), "metal", "must be one of Gold, Silver, Platinum" },
        { DatabaseProvider.Postgres, "/api/metal-rates", Rate.Replace("6500", "\"6500\"", StringComparison.Ordinal), "pricePerGram", "must be a number" },
        { DatabaseProvider.Sqlite, "/api/metal-rates", Rate.Replace("\"board\"", "7", StringComparison.Ordinal), "source", "must be a string" },
        { DatabaseProvider.Postgres, "/api/metal-rates", Rate.Replace("\"2026-04-01T04:00:00Z\"", "\"yesterday\"", StringComparison.Ordinal), "asOf", "must be a date-time like 2026-04-01T10:00:00+05:30" },
        { DatabaseProvider.Sqlite, "/api/metal-rates", Rate.Replace("916", "2147483648", StringComparison.Ordinal), "fineness", "must be a whole number from -2147483648 to 2147483647" },
        { DatabaseProvider.Postgres, "/api/customers", """{"name":"Asha","phone":"+91 98765 43210","smsOptIn":"yes"}""", "smsOptIn", "must be true or false" },
        { DatabaseProvider.Sqlite, "/api/orders", """{"id":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":[{"sku":"R-1","quantity":"two"}]}""", "lines[0].quantity", "must be a whole number from -2147483648 to 2147483647" },
        { DatabaseProvider.Postgres, "/api/orders", """{"id":"SO-1","branch":"MUM","placeOfSupply":"MH","lines":7}""", "lines", "must be an array" },
        { DatabaseProvider.Postgres, "/api/metal-rates", Rate.Replace("\"board\"", "\"bo\\u0000ard\"", StringComparison.Ordinal), "source", "must not contain the NUL character (\\u0000)" },
        { DatabaseProvider.Sqlite, "/api/metal-rates", "[]", "body", "must be an object" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task UnreadableBody_400NamesFieldAndWhatItAllows(DatabaseProvider provider, string path, string body, string field, string message)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        var response = await hub.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/api/events?take=abc", "take", "must be a whole number from -2147483648 to 2147483647")]
    [InlineData(DatabaseProvider.Postgres, "/api/events?after=1e30", "after", "must be a whole number")]
    [InlineData(DatabaseProvider.Sqlite, "/api/workflows/instances?status=-1", "status", "must be one of Running, Suspended, Finished, Faulted, Cancelled")]
    [InlineData(DatabaseProvider.Postgres, "/api/stock?branch=M%00UM", "branch", "must not contain the NUL character (%00)")]
    public async Task BadQueryValue_400NamesTheQueryParameter(DatabaseProvider provider, string path, string field, string message)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);

        var response = await hub.Client.GetAsync(path, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BodyOverTheLimit_413Problem_ForJsonAndUploads(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestBodySize"] = "100000" });
        var big = new string('x', 200_000);

        var json = await hub.Client.PostAsync("/api/events", new StringContent($"{{\"specversion\":\"1.0\",\"id\":\"{big}\"}}", Encoding.UTF8, "application/json"), Ct);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("customers"), "entity" },
            { new StringContent("legacy-pos.customer.in"), "map" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("id,name\n" + big)), "file", "big.csv" },
        };
        var upload = await hub.Client.PostAsync("/api/migrations", form, Ct);

        foreach (var response in new[] { json, upload })
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"expected 413, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(413, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        }

        Assert.Empty(await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/events", Ct) ?? []);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MalformedMultipart_400NamingThePart_NoJob(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        const string Fields = "--b\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\ncustomers\r\n--b\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\nlegacy-pos.customer.in\r\n";
        const string File = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\nid,name\r\n1,Asha\r\n--b--\r\n";

        var truncated = await PostFormAsync(hub, (Fields + File)[..150], "b");
        var wrongBoundary = await PostFormAsync(hub, Fields + File, "other");
        var noFile = await PostFormAsync(hub, Fields + "--b--\r\n", "b");

        await AssertProblemAsync(truncated, HttpStatusCode.BadRequest, "body", "is not complete multipart/form-data");
        await AssertProblemAsync(wrongBoundary, HttpStatusCode.BadRequest, "body", "is not complete multipart/form-data");
        await AssertProblemAsync(noFile, HttpStatusCode.BadRequest, "file", "is required");
        Assert.Empty(await hub.Client.GetFromJsonAsync<JsonElement[]>("/api/events", Ct) ?? []);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task OpenApiDocument_AdminsOnlyUnlessAnonymousIsAllowed(DatabaseProvider provider, bool anonymous)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct, new Dictionary<string, string?> { ["OpenApi:Anonymous"] = anonymous ? "true" : null });
        using var stranger = hub.CreateClient(withAdminKey: false);

        var asStranger = await stranger.GetAsync("/openapi/v1.json", Ct);
        var asAdmin = await hub.Client.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(anonymous ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, asStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("/api/metal-rates", await asAdmin.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HubServer hub, string body, string boundary)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return await hub.Client.PostAsync("/api/migrations", content, Ct);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string message)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors), $"expected errors in {body}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for '{field}' in {body}");
        Assert.True(messages.EnumerateArray().Any(m => m.GetString()!.StartsWith(message, StringComparison.Ordinal)), $"expected '{message}' for '{field}' in {body}");
        Assert.DoesNotMatch(@"System\.|JewelHub\.|Nullable|`1", body);
    }
}
