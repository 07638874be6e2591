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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_HubStoppedMidImport_NextStartResumesItToTheEnd(DatabaseProvider provider)
    {
        // Arrange
        const int Rows = 30_000;
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder, ["Imports:BatchSize"] = "100" };
        var database = await TestDatabase.CreateEmptyAsync(provider, ct);
        var first = await HubServer.StartAsync(database, ct, settings);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("customers"), "entity" },
            { new StringContent("legacy-pos.customer.in"), "map" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(LegacyCustomerFile.Clean(_folder, Rows), ct)), "file", "customers.csv" },
        };
        var location = (await first.Client.PostAsync("/api/migrations", form, ct)).Headers.Location!;
        JsonElement status;
        do
        {
            await Task.Delay(20, ct);
            status = await first.Client.GetFromJsonAsync<JsonElement>(location, ct);
        }
        while (status.GetProperty("lastRow").GetInt64() < 1000 && status.GetProperty("status").GetString() is "Queued" or "Running");

        // Act
        await first.StopAsync();
        var atStop = await JobAsync(database, ct);
        await using var second = await HubServer.StartAsync(database, ct, settings);
        do
        {
            await Task.Delay(100, ct);
            status = await second.Client.GetFromJsonAsync<JsonElement>(location, ct);
        }
        while (status.GetProperty("status").GetString() is "Queued" or "Running");

        // Assert
        Assert.Equal("Running", atStop.Status);
        Assert.InRange(atStop.LastRow, 1000, Rows);
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal(Rows, status.GetProperty("inserted").GetInt64());
        Assert.Equal(Rows, status.GetProperty("read").GetInt64());
        Assert.Equal(Rows, await ImportDatabase.CountAsync(database.Database, "customers", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_Pieces_ImportsInBackground(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        using var form = new MultipartFormDataContent
        {
            { new StringContent("pieces"), "entity" },
            { new StringContent("legacy-pos.piece.in"), "map" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Samples.Path("pieces.csv"), ct)), "file", "pieces.csv" },
        };

        var location = (await hub.Client.PostAsync("/api/migrations", form, ct)).Headers.Location!;
        JsonElement status;
        do
        {
            await Task.Delay(100, ct);
            status = await hub.Client.GetFromJsonAsync<JsonElement>(location, ct);
        }
        while (status.GetProperty("status").GetString() is "Queued" or "Running");

        Assert.Equal(("Completed", 3L, 2L), (status.GetProperty("status").GetString(), status.GetProperty("inserted").GetInt64(), status.GetProperty("rejected").GetInt64()));
        Assert.Equal(3, await ImportDatabase.CountAsync(hub.Database.Database, "stones", ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(string Status, long LastRow)> JobAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        var row = Assert.Single(await ImportDatabase.RowsAsync(database.Database, "SELECT status, last_row FROM import_jobs", cancellationToken)).Split('|');
        return (row[0], long.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
