using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// An event has one effect per definition it starts and per instance it resumes, and a resume either happens whole or
/// changes nothing. The stores are called directly; leases are long, so the recovery loop leaves the instances alone.
/// </summary>
public sealed class EventEffectTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, string?> LongLeases = new() { ["Workflows:LeaseDuration"] = "00:10:00" };

    private static FlowJson Waiting() => new FlowJson("waiting")
        .Activity("Start1", "Elsa.Start")
        .Activity("Wait1", "Elsa.Event", ("eventName", "Literal", "never.sent"))
        .Activity("End1", "Elsa.End")
        .Connect("Start1", "Done", "Wait1").Connect("Wait1", "Done", "End1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Start_SameEventAndDefinitionTwice_SecondCreatesNothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var engine = hub.Server.Services.GetRequiredService<WorkflowEngine>();
        var request = new StartRequest { VersionId = await VersionIdAsync(hub, ct), EventSeq = 77, CorrelationId = "ORD-77" };

        var first = await engine.StartLeasedAsync(request, ct);
        var second = await engine.StartLeasedAsync(request with { CorrelationId = "ORD-78" }, ct);

        Assert.NotNull(first);
        Assert.Null(second);
        var stored = await hub.Server.Services.GetRequiredService<WorkflowInstanceStore>().FindAsync(first.Id, ct);
        AssertStored(first, stored);
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM workflow_instances", ct));
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects WHERE event_seq = 77 AND target = 'waiting'", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Start_SameEventConcurrently_CreatesOneInstance(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var engine = hub.Server.Services.GetRequiredService<WorkflowEngine>();
        var request = new StartRequest { VersionId = await VersionIdAsync(hub, ct), EventSeq = 79 };

        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => engine.StartLeasedAsync(request, ct), ct)));

        var created = Assert.Single(started, s => s is not null);
        Assert.Equal(created!.Id, await ScalarAsync<string>(hub, "SELECT id FROM workflow_instances", ct));
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Start_WithoutEvent_CreatesEachTimeAndRecordsNoEffect(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var engine = hub.Server.Services.GetRequiredService<WorkflowEngine>();
        var request = new StartRequest { VersionId = await VersionIdAsync(hub, ct) };

        var first = await engine.StartLeasedAsync(request, ct);
        var second = await engine.StartLeasedAsync(request, ct);

        Assert.NotNull(first);
        Assert.NotNull(second);
        AssertStored(second, await hub.Server.Services.GetRequiredService<WorkflowInstanceStore>().FindAsync(second.Id, ct));
        Assert.Equal(2, await CountAsync(hub, "SELECT count(*) FROM workflow_instances", ct));
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Resume_SuspendedInstance_ConsumesTheBookmarkRecordsTheEffectAndLeasesIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var (bookmarks, bookmark) = await SuspendedAsync(hub, ct);

        var resumed = await bookmarks.TryResumeAsync(bookmark, Signal(bookmark), 90, Lease, ct);
        var again = await bookmarks.TryResumeAsync(bookmark, Signal(bookmark), 91, Lease, ct);

        Assert.NotNull(resumed);
        Assert.Null(again);
        Assert.Equal(WorkflowStatus.Running, resumed.Status);
        var stored = await hub.Server.Services.GetRequiredService<WorkflowInstanceStore>().FindAsync(bookmark.InstanceId, ct);
        AssertStored(resumed, stored);
        var state = InstanceState.FromJson(stored!.State);
        Assert.DoesNotContain(bookmark.ActivityExecutionId, state.Waiting.Keys);
        Assert.Equal(bookmark.ActivityExecutionId, Assert.Single(state.Queue).ExecutionId);
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM workflow_bookmarks", ct));
        Assert.Equal(90, await ScalarAsync<long>(hub, $"SELECT event_seq FROM workflow_event_effects WHERE target = '{bookmark.InstanceId}'", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Resume_WithoutEvent_ConsumesTheBookmarkAndRecordsNoEffect(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var (bookmarks, bookmark) = await SuspendedAsync(hub, ct);

        var resumed = await bookmarks.TryResumeAsync(bookmark, Signal(bookmark), null, Lease, ct);

        AssertStored(resumed, await hub.Server.Services.GetRequiredService<WorkflowInstanceStore>().FindAsync(bookmark.InstanceId, ct));
        Assert.Equal(WorkflowStatus.Running, resumed!.Status);
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM workflow_bookmarks", ct));
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "bookmark gone")]
    [InlineData(DatabaseProvider.Postgres, "bookmark gone")]
    [InlineData(DatabaseProvider.Sqlite, "not suspended")]
    [InlineData(DatabaseProvider.Postgres, "not suspended")]
    [InlineData(DatabaseProvider.Sqlite, "already resumed by the event")]
    [InlineData(DatabaseProvider.Postgres, "already resumed by the event")]
    public async Task Resume_NotPossible_ReturnsNullAndChangesNothing(DatabaseProvider provider, string why)
    {
        // Arrange: a suspended instance, then the one thing that makes the resume impossible.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var (bookmarks, bookmark) = await SuspendedAsync(hub, ct);
        var database = hub.Server.Services.GetRequiredService<Database>();
        var arrange = why switch
        {
            "bookmark gone" => "DELETE FROM workflow_bookmarks WHERE id = @Id",
            "not suspended" => "UPDATE workflow_instances SET status = 'Cancelled' WHERE id = @InstanceId",
            _ => "INSERT INTO workflow_event_effects (event_seq, target, at) VALUES (92, @InstanceId, @CreatedAt)",
        };
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(arrange, bookmark, cancellationToken: ct));
        }

        var instances = hub.Server.Services.GetRequiredService<WorkflowInstanceStore>();
        var before = await instances.FindAsync(bookmark.InstanceId, ct);
        var bookmarksBefore = await CountAsync(hub, "SELECT count(*) FROM workflow_bookmarks", ct);
        var effectsBefore = await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct);

        // Act
        var resumed = await bookmarks.TryResumeAsync(bookmark, Signal(bookmark), 92, Lease, ct);

        // Assert: the instance, its bookmarks and the recorded effects are as they were.
        Assert.Null(resumed);
        Assert.Equal(before, await instances.FindAsync(bookmark.InstanceId, ct));
        Assert.Equal(bookmarksBefore, await CountAsync(hub, "SELECT count(*) FROM workflow_bookmarks", ct));
        Assert.Equal(effectsBefore, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Resume_SameBookmarkByConcurrentEvents_OneResumesIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, LongLeases);
        var (bookmarks, bookmark) = await SuspendedAsync(hub, ct);

        var resumed = await Task.WhenAll(Enumerable.Range(100, 6).Select(seq =>
            Task.Run(() => bookmarks.TryResumeAsync(bookmark, Signal(bookmark), seq, Lease, ct), ct)));

        var winner = Assert.Single(resumed, r => r is not null);
        AssertStored(winner, await hub.Server.Services.GetRequiredService<WorkflowInstanceStore>().FindAsync(bookmark.InstanceId, ct));
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM workflow_event_effects", ct));
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM workflow_bookmarks", ct));
    }

    // The instance as the store returned it is the one written; PostgreSQL keeps timestamps to the microsecond.
    private static void AssertStored(WorkflowInstance? written, WorkflowInstance? stored)
    {
        Assert.NotNull(written);
        Assert.NotNull(stored);
        Assert.Equal(Micros(written), Micros(stored));
    }

    private static WorkflowInstance Micros(WorkflowInstance instance) => instance with
    {
        LeaseUntil = instance.LeaseUntil is { } until ? Micros(until) : null,
        CreatedAt = Micros(instance.CreatedAt),
        UpdatedAt = Micros(instance.UpdatedAt),
        FinishedAt = instance.FinishedAt is { } finished ? Micros(finished) : null,
    };

    private static DateTimeOffset Micros(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    private static ResumeSignal Signal(BookmarkRecord bookmark) => new() { Name = bookmark.Name, Correlation = bookmark.Correlation };

    // An instance of "waiting" suspended on its one bookmark.
    private static async Task<(BookmarkStore Bookmarks, BookmarkRecord Bookmark)> SuspendedAsync(WorkflowHub hub, CancellationToken cancellationToken)
    {
        var run = await hub.RunAsync("waiting", null, cancellationToken);
        Assert.Equal("Suspended", Text(run["instance"]!["status"]));
        var bookmarks = hub.Server.Services.GetRequiredService<BookmarkStore>();
        var matching = await bookmarks.MatchingAsync([("never.sent", [])], cancellationToken);
        return (bookmarks, Assert.Single(Assert.Single(matching)));
    }

    private static async Task<string> VersionIdAsync(WorkflowHub hub, CancellationToken cancellationToken) =>
        (await hub.Server.Services.GetRequiredService<WorkflowDefinitionStore>().FindAsync("waiting", VersionOptions.Published, cancellationToken))!.Id;

    private static Task<long> CountAsync(WorkflowHub hub, string sql, CancellationToken cancellationToken) => ScalarAsync<long>(hub, sql, cancellationToken);

    private static async Task<T> ScalarAsync<T>(WorkflowHub hub, string sql, CancellationToken cancellationToken)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken)))!;
    }
}
