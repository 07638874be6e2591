using JewelHub.Hub.Importing;
using JewelHub.Storage;
using JewelHub.Stores.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Hub.IntegrationTests.Importing.LegacyCustomerFile;

namespace JewelHub.Hub.IntegrationTests.Importing;

public sealed class CustomerImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-import-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_MessyTenThousandRows_ExactCountsAndReasons(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Messy(_folder);
        var rejectsPath = Path.Combine(_folder, "rejects.csv");

        // Act
        var summary = await Runner(hub).RunAsync(Request(file) with { RejectsPath = rejectsPath }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(10_000, Unique, 0, MergedByPhone + MergedByEmail, SameIdOtherSpelling, 500), summary.Counts);
        Assert.Equal(Unique, await ImportDatabase.CountAsync(hub.Database.Database, "customers", ct));
        Assert.Equal(Unique + MergedByPhone + MergedByEmail, await ImportDatabase.CountAsync(hub.Database.Database, "customer_refs", ct));
        var store = hub.Services.GetRequiredService<ImportStore>();
        var merges = await store.MergesAsync(summary.JobId!, ct);
        Assert.Equal(MergedByPhone, merges.Count(m => m.MatchedOn == "phone"));
        Assert.Equal(MergedByEmail, merges.Count(m => m.MatchedOn == "email"));

        var rejects = await store.RejectsAsync(summary.JobId!, ct);
        Assert.Equal(500, rejects.Count);
        Assert.Equal(BadPhone, rejects.Count(r => r.ColumnName == "Mobile" && r.Reason == "'12345' must be a phone number in E.164 form (+919876543210) or a national number"));
        Assert.Equal(MissingName, rejects.Count(r => r.ColumnName == "Name" && r.Reason == "is required but empty"));
        Assert.Equal(BadDate, rejects.Count(r => r.ColumnName == "DOB" && r.Reason == "'31/02/1990' is not a date in any of: dd/MM/yyyy, yyyy-MM-dd, dd-MMM-yyyy, excel"));
        Assert.Equal(WrongFieldCount, rejects.Count(r => r.ColumnName == "*" && r.Reason == "the row has 2 fields but the header has 10"));
        Assert.Equal(BadEmail, rejects.Count(r => r.ColumnName == "Email" && r.Reason.EndsWith("must be an e-mail address such as name@example.com", StringComparison.Ordinal)));

        var lines = await File.ReadAllLinesAsync(rejectsPath, ct);
        Assert.Equal(Header + ",row,column,reason", lines[0]);
        Assert.Equal("F-0,Too Few Fields,9505,*,the row has 2 fields but the header has 10", lines[4]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameFileTwice_SecondRunChangesNothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Messy(_folder);
        await Runner(hub).RunAsync(Request(file), null, ct);
        var before = await ImportDatabase.DumpAsync(hub.Database.Database, ct);

        var second = await Runner(hub).RunAsync(Request(file), null, ct);

        Assert.Equal(new ImportCounts(10_000, 0, 0, 0, 9_500, 500), second.Counts);
        Assert.Equal(before, await ImportDatabase.DumpAsync(hub.Database.Database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_CancelledThenRerun_EqualsUninterruptedImport(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var interrupted = await HubServer.StartAsync(provider, ct);
        await using var straight = await HubServer.StartAsync(provider, ct);
        var file = Messy(_folder);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = 0;
        var cancelAfterThree = new Progress(_ =>
        {
            if (++batches == 3)
            {
                stop.Cancel();
            }
        });

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(interrupted).RunAsync(Request(file), cancelAfterThree, stop.Token));
        var resumed = await Runner(interrupted).RunAsync(Request(file), null, ct);
        var uninterrupted = await Runner(straight).RunAsync(Request(file), null, ct);

        // Assert
        Assert.True(resumed.Resumed);
        Assert.Equal(uninterrupted.Counts, resumed.Counts);
        Assert.Equal(await ImportDatabase.DumpAsync(straight.Database.Database, ct), await ImportDatabase.DumpAsync(interrupted.Database.Database, ct));
        Assert.Equal(500, (await interrupted.Services.GetRequiredService<ImportStore>().RejectsAsync(resumed.JobId!, ct)).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_SameFileWhileAnotherRunnerHoldsIt_RefusedAndEachRowWrittenOnce(DatabaseProvider provider)
    {
        // Arrange: the first run pauses after its first batch, holding the job.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        await using var straight = await HubServer.StartAsync(provider, ct);
        var file = Messy(_folder);
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var pauseOnce = new Progress(_ =>
        {
            if (!paused.IsSet)
            {
                paused.Set();
                resume.Wait(ct);
            }
        });
        var first = Task.Run(() => Runner(hub).RunAsync(Request(file), pauseOnce, ct), ct);
        Assert.True(paused.Wait(TimeSpan.FromSeconds(60), ct));

        // Act: a second run of the same file (another jewelhub migrate, or a hub's worker) while the first holds it.
        var busy = await Assert.ThrowsAsync<ImportBusyException>(() => Runner(hub).RunAsync(Request(file), null, ct));
        resume.Set();
        var summary = await first;
        var uninterrupted = await Runner(straight).RunAsync(Request(file), null, ct);

        // Assert: the second run wrote nothing, and the first one's job and rows are as if it ran alone.
        Assert.Equal(summary.JobId, busy.JobId);
        Assert.Contains("is being imported by another process", busy.Message, StringComparison.Ordinal);
        Assert.Equal(uninterrupted.Counts, summary.Counts);
        var job = (await hub.Services.GetRequiredService<ImportStore>().GetAsync(summary.JobId!, ct))!;
        Assert.Equal((ImportStatus.Completed, 10_000L, 500L), (job.Status, job.RowsRead, job.Rejected));
        Assert.Equal(await ImportDatabase.DumpAsync(straight.Database.Database, ct), await ImportDatabase.DumpAsync(hub.Database.Database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_DryRun_CountsWithoutWriting(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);

        var summary = await Runner(hub).RunAsync(Request(Messy(_folder)) with { DryRun = true, PreviewRows = 3 }, null, ct);

        Assert.Equal(new ImportCounts(10_000, Unique, 0, MergedByPhone + MergedByEmail, SameIdOtherSpelling, 500), summary.Counts);
        Assert.Equal(3, summary.Previews.Count);
        Assert.Contains("\"phone\":\"+919000000000\"", summary.Previews[0].Canonical, StringComparison.Ordinal);
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "customers", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(hub.Database.Database, "import_jobs", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_MatchesOnWhatPreviousBatchWrote_MergesIntoIt(DatabaseProvider provider)
    {
        // Arrange: batches of two, so each batch's rows are looked up while the batch before it is still being written.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(provider, ct);
        var file = Path.Combine(_folder, "batches.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "C-1,Asha Rao,9876500001,,,,Y,,Mumbai,15/08/2019",
            "C-2,Ravi Kumar,9876500002,,,,N,,Pune,15/08/2019",
            "C-3,Asha R,9876500001,,,,N,,Mumbai,15/08/2019",
            "C-1,Asha Rao,9876500001,asha@example.in,,,Y,,Mumbai,15/08/2019",
            "C-5,A Rao,,asha@example.in,,,N,,,15/08/2019",
        ], ct);

        // Act
        var summary = await Runner(hub).RunAsync(Request(file) with { BatchSize = 2 }, null, ct);

        // Assert
        Assert.Equal(new ImportCounts(5, 2, 1, 2, 0, 0), summary.Counts);
        Assert.Equal(["1|+919876500001|asha@example.in", "2|+919876500002|", "3|+919876500001|asha@example.in", "5|+919876500001|asha@example.in"],
            await ImportDatabase.RowsAsync(hub.Database.Database, """
                SELECT r.external_id, c.phone_e164, c.email FROM customer_refs r JOIN customers c ON c.id = r.customer_id ORDER BY r.external_id
                """, ct));
    }

    [Fact]
    public async Task Import_FileWithBomBlankLineAndQuotedLineBreak_RowsNumberedAsInTheFile()
    {
        // Arrange: a UTF-8 byte order mark, an empty line (it counts as a row) and a quoted name that spans two lines
        // (one row).
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, ct);
        var file = Path.Combine(_folder, "layout.csv");
        await File.WriteAllTextAsync(file, Header + "\r\n"
            + "C-1,Asha Rao,9876543210,asha@example.com,03/04/1985,,Y,N,Mumbai,15/08/2019\r\n"
            + "\r\n"
            + "C-2,\"Ravi\r\nKumar\",9876543211,ravi@example.com,,,N,N,Pune,15/08/2019\r\n"
            + "F-9,Too Few\r\n"
            + "C-3,,9876543212,,,,N,N,Pune,15/08/2019\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), ct);
        var rejectsPath = Path.Combine(_folder, "rejects.csv");

        // Act
        var summary = await Runner(hub).RunAsync(Request(file) with { RejectsPath = rejectsPath }, null, ct);

        // Assert
        Assert.Equal((4L, 2L, 2L), (summary.Counts.Read, summary.Counts.Inserted, summary.Counts.Rejected));
        var rejects = await hub.Services.GetRequiredService<ImportStore>().RejectsAsync(summary.JobId!, ct);
        Assert.Equal([(5L, "*"), (6L, "Name")], rejects.Select(r => (r.RowNumber, r.ColumnName)).OrderBy(r => r.RowNumber));
        var lines = await File.ReadAllLinesAsync(rejectsPath, ct);
        Assert.Equal(Header + ",row,column,reason", lines[0]);
        Assert.Contains("F-9,Too Few,5,*,the row has 2 fields but the header has 10", lines);
    }

    [Fact]
    public async Task Import_Latin1File_DecodedAndRejectedRowKeptAsWritten()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, ct);
        var file = Path.Combine(_folder, "latin1.csv");
        await File.WriteAllTextAsync(file, Header + "\n"
            + "C-1,Zoë Dsouza,9876543210,,,,N,N,Goa,15/08/2019\n"
            + "C-2,Chloë Dsouza,12345,,,,N,N,Goa,15/08/2019\n", System.Text.Encoding.Latin1, ct);
        var rejectsPath = Path.Combine(_folder, "rejects.csv");

        // Act
        var summary = await Runner(hub).RunAsync(Request(file) with { Encoding = "iso-8859-1", RejectsPath = rejectsPath }, null, ct);

        // Assert
        Assert.Equal((2L, 1L, 1L), (summary.Counts.Read, summary.Counts.Inserted, summary.Counts.Rejected));
        Assert.Equal(["Zoë Dsouza"], await ImportDatabase.RowsAsync(hub.Database.Database, "SELECT name FROM customers", ct));
        var lines = await File.ReadAllLinesAsync(rejectsPath, ct);
        Assert.StartsWith("C-2,Chloë Dsouza,12345,,,,N,N,Goa,15/08/2019,3,Mobile,", lines[1], StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static ImportRequest Request(string file) =>
        new() { Entity = "customers", FilePath = file, MapId = "legacy-pos.customer.in", BatchSize = 1000 };

    private static ImportRunner Runner(HubServer hub) => hub.Services.GetRequiredService<ImportRunner>();

    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
