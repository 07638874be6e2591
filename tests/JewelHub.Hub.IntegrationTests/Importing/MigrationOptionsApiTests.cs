using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JewelHub.Hub.IntegrationTests.Finance;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>POST /api/migrations takes the CLI's reading options: delimiter and encoding, each checked by name.</summary>
public sealed class MigrationOptionsApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-upload-options-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_SemicolonWindows1252File_ImportsWithTheGivenOptionsAndRejectsInTheSameDelimiter(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var content = Encoding.GetEncoding(1252).GetBytes(
            "CustNo;Name;Mobile;Email;DOB;Anniversary;SMS;EmailOK;City;Created\r\n"
            + "C-00601;François Pereira;98200 60001;;;;;;Goa;\r\n"
            + "C-00602;;98200 60002;;;;;;Pune;\r\n"
            + "C-00603;Zoë Fernandes;98200 60003;;;;;;Goa;\r\n");
        using var form = Form(content, ";", "windows-1252");

        // Act
        var accepted = await hub.Client.PostAsync("/api/migrations", form, ct);
        var status = await FinishedAsync(hub, accepted.Headers.Location!, ct);
        var rejects = await hub.Client.GetStringAsync($"{accepted.Headers.Location}/rejects", ct);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(("Completed", ";", "windows-1252"), (status.GetProperty("status").GetString(), status.GetProperty("delimiter").GetString(), status.GetProperty("encoding").GetString()));
        Assert.Equal((2L, 1L), (status.GetProperty("inserted").GetInt64(), status.GetProperty("rejected").GetInt64()));
        Assert.Equal(["François Pereira", "Zoë Fernandes"], await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT name FROM customers ORDER BY name", ct));
        Assert.Equal(
            ["CustNo;Name;Mobile;Email;DOB;Anniversary;SMS;EmailOK;City;Created;row;column;reason", "C-00602;;98200 60002;;;;;;Pune;;3;Name;is required but empty"],
            rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Upload_BadDelimiterAndEncoding_ProblemNamesEachFieldAndNothingIsWritten()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        using var form = Form("CustNo,Name\nC-1,Asha\n"u8.ToArray(), "::", "klingon-8");

        // Act
        var response = await hub.Client.PostAsync("/api/migrations", form, ct);

        // Assert
        await FinanceApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "delimiter", "two characters are not a delimiter");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors");
        Assert.StartsWith("'klingon-8' is not an encoding this hub knows", errors.GetProperty("encoding")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "import_jobs", ct));
        Assert.Empty(Directory.EnumerateFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static MultipartFormDataContent Form(byte[] file, string delimiter, string encoding) => new()
    {
        { new StringContent("customers"), "entity" },
        { new StringContent("legacy-pos.customer.in"), "map" },
        { new StringContent(delimiter), "delimiter" },
        { new StringContent(encoding), "encoding" },
        { new ByteArrayContent(file), "file", "customers.csv" },
    };

    private static async Task<JsonElement> FinishedAsync(HubServer hub, Uri location, CancellationToken cancellationToken)
    {
        JsonElement status;
        do
        {
            await Task.Delay(100, cancellationToken);
            status = await hub.Client.GetFromJsonAsync<JsonElement>(location, cancellationToken);
        }
        while (status.GetProperty("status").GetString() is "Queued" or "Running");

        return status;
    }
}
