using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>What an upload ends as: a rejects CSV a spreadsheet opens as text, and a job that failed says Failed and why.</summary>
public sealed class MigrationOutcomeTests : IDisposable
{
    private const string Formula = "=cmd|' /C calc'!A0";
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-upload-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_RowsWithFormulaCells_RejectsCsvQuotesEveryFormulaCell(DatabaseProvider provider)
    {
        // Arrange: rejected rows whose cells start with =, +, -, @ (quoted or not); one good row.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });
        var csv = LegacyCustomerFile.Header + "\n"
            + $"C-1,{Formula},12345,,,,,,,\n"
            + $"C-2,\"{Formula}\",12345,,,,,,@SUM(A1:A2),\n"
            + "C-3,Asha Rao,+91 98765 43210,,,,,,-2+3,\n"
            + "C-4,Meera Iyer,+91 98765 43211,,,,,,Pune,\n";

        // Act
        var job = await UploadAsync(hub, "customers", "legacy-pos.customer.in", csv, ct);
        var rejects = await hub.Client.GetStringAsync($"/api/migrations/{job.GetProperty("id").GetString()}/rejects", ct);

        // Assert: the formula cells are quote-prefixed, the other cells as they were sent.
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var lines = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"C-1,'{Formula},12345,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"C-2,\"'{Formula}\",12345,,,,,,'@SUM(A1:A2),", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Skip(1), line => line.Split(',').Any(cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@'));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_MapThatDoesNotFitTheEntity_JobShowsFailedWithTheReason(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct, new Dictionary<string, string?> { ["Imports:UploadFolder"] = _folder });

        var job = await UploadAsync(hub, "customers", "legacy-pos.piece.in", LegacyCustomerFile.Header + "\nC-1,Asha Rao,,,,,,,,\n", ct);

        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("legacy-pos.piece.in", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.NotNull(job.GetProperty("finishedAt").GetString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Uploads the file and waits until the job is neither Queued nor Running (at most 30 seconds).
    private static async Task<JsonElement> UploadAsync(HubServer hub, string entity, string map, string csv, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent { { new StringContent(entity), "entity" }, { new StringContent(map), "map" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "upload.csv");
        using var accepted = await hub.Client.PostAsync("/api/migrations", form, ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = await hub.Client.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!, ct);
            if (job.GetProperty("status").GetString() is not ("Queued" or "Running"))
            {
                return job;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the job is still {job.GetProperty("status")} after 30 seconds");
            await Task.Delay(100, ct);
        }
    }
}
