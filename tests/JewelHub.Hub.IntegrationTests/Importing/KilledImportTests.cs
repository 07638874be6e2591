using System.Diagnostics;
using Dapper;
using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// The hub's migrate command is killed (SIGKILL) part-way through a large customers file, then run again: the final
/// tables equal an uninterrupted import. PostgreSQL (binary COPY) keeps the large file fast: the full million rows take
/// about four minutes on a loaded 2-core machine; JEWELHUB_KILL_TEST_ROWS=200000 runs a smaller file while iterating.
/// </summary>
public sealed class KilledImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-kill-").FullName;

    [Fact]
    public async Task Migrate_KilledMidwayThenRerun_EqualsUninterruptedImport()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var rows = int.TryParse(Environment.GetEnvironmentVariable("JEWELHUB_KILL_TEST_ROWS"), out var n) ? n : 1_000_000;
        var file = LegacyCustomerFile.Clean(_folder, rows);
        await using var straight = await HubServer.StartAsync(DatabaseProvider.Postgres, ct);
        await using var killed = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, ct);
        var request = CustomerImportTests.Request(file) with { BatchSize = 5000 };

        // Act
        var uninterrupted = await straight.Services.GetRequiredService<ImportRunner>().RunAsync(request, null, ct);
        using (var first = Migrate(killed, file))
        {
            while (await LastRowAsync(killed.Database, ct) < rows / 4)
            {
                Assert.False(first.HasExited, "the import ended before it could be killed");
                await Task.Delay(50, ct);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(ct);
        }

        var committedAtKill = await LastRowAsync(killed.Database, ct);
        using var second = Migrate(killed, file);
        await second.WaitForExitAsync(ct);

        // Assert
        Assert.InRange(committedAtKill, rows / 4, rows);
        Assert.True(second.ExitCode == 0, await second.StandardError.ReadToEndAsync(ct) + await second.StandardOutput.ReadToEndAsync(ct));
        Assert.Equal(rows, uninterrupted.Counts.Inserted);
        Assert.Equal(await ImportDatabase.PostgresDigestAsync(straight.Database.Database, ct), await ImportDatabase.PostgresDigestAsync(killed.Database, ct));
        await using var connection = await killed.Database.OpenAsync(ct);
        var job = await connection.QuerySingleAsync<(string Status, long Inserted, long RowsRead)>(
            new CommandDefinition("SELECT status, inserted, rows_read FROM import_jobs", cancellationToken: ct));
        Assert.Equal(("Completed", (long)rows, (long)rows), job);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Process Migrate(TestDatabase database, string file)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "jewelhub.dll"), "migrate", "customers", file, "--map", "legacy-pos.customer.in", "--batch-size", "5000" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        foreach (var (key, value) in database.HubSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }

    private static async Task<long> LastRowAsync(Database db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        // The job row appears when the child process has migrated and hashed the file.
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('import_jobs') IS NOT NULL", cancellationToken: cancellationToken));
        return exists
            ? await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(last_row) FROM import_jobs", cancellationToken: cancellationToken)) ?? 0
            : 0;
    }
}
