using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

public sealed class MigrationEndpointsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-upload-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_MessyFile_RunsInBackgroundWithStatusAndRejects(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        using var form = new MultipartFormDataContent
        {
            { new StringContent("customers"), "entity" },
            { new StringContent("legacy-pos.customer.in"), "map" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(LegacyCustomerFile.Messy(_folder), ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");

        // Act
        var accepted = await hub.Client.PostAsync("/api/migrations", form, ct);
        var location = accepted.Headers.Location!;
        JsonElement status;
        do
        {
            await Task.Delay(200, ct);
            status = await hub.Client.GetFromJsonAsync<JsonElement>(location, ct);
        }
        while (status.GetProperty("status").GetString() is "Queued" or "Running");

        var rejects = await hub.Client.GetStringAsync($"{location}/rejects", ct);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal(LegacyCustomerFile.Unique, status.GetProperty("inserted").GetInt64());
        Assert.Equal(1000, status.GetProperty("merged").GetInt64());
        Assert.Equal(500, status.GetProperty("rejected").GetInt64());
        var lines = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(501, lines.Length);
        Assert.Equal(LegacyCustomerFile.Header + ",row,column,reason", lines[0]);
    }

    [Fact]
    public async Task Upload_UnknownMapAndEntity_ReturnsValidationProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        using var form = new MultipartFormDataContent { { new StringContent("cats"), "entity" }, { new StringContent("nope.customer.in"), "map" } };

        var response = await hub.Client.PostAsync("/api/migrations", form, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("file", out _));
        Assert.True(errors.TryGetProperty("entity", out _));
        Assert.True(errors.TryGetProperty("map", out _));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
