using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>Which bookmarks a batch of events matches, and the events kept as pending for bookmarks made later.</summary>
public sealed class BookmarkMatchingTests
{
    private static FlowJson Waiting() => new FlowJson("waiting")
        .Activity("Start1", "Elsa.Start")
        .Activity("Wait1", "Elsa.Event", ("eventName", "Literal", "never.sent"))
        .Connect("Start1", "Done", "Wait1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Matching_BatchOfEvents_EachGetsItsOwnBookmarksOldestFirst(DatabaseProvider provider)
    {
        // Arrange: bookmarks of one instance, created out of id order, about a correlation or about anything.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct);
        var run = await hub.RunAsync("waiting", null, ct);
        var instanceId = Text(run["instance"]!["id"]);
        var t0 = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var rows = new[]
        {
            Row(instanceId, "k1", "pay", "A", t0.AddMinutes(3)),
            Row(instanceId, "k2", "pay", "", t0.AddMinutes(1)),
            Row(instanceId, "k3", "pay", "B", t0.AddMinutes(2)),
            Row(instanceId, "k0", "pay", "A", t0.AddMinutes(1)),
            Row(instanceId, "k4", "ship", "B", t0),
            Row(instanceId, "k5", "ship", "C", t0),
        };
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workflow_bookmarks (id, instance_id, activity_execution_id, activity_id, name, correlation, created_at)
                VALUES (@Id, @InstanceId, @ActivityExecutionId, @ActivityId, @Name, @Correlation, @CreatedAt)
                """, rows, cancellationToken: ct));
        }

        var bookmarks = hub.Server.Services.GetRequiredService<BookmarkStore>();
        (string, IReadOnlyList<string>)[] events = [("pay", ["A"]), ("pay", []), ("ship", ["B", "A"]), ("pay", ["B", "A"]), ("other", ["A"]), ("ship", ["Z"])];

        // Act: the batch at once, and each event alone.
        var batch = await bookmarks.MatchingAsync(events, ct);
        var alone = new List<IReadOnlyList<BookmarkRecord>>();
        foreach (var e in events)
        {
            alone.Add(Assert.Single(await bookmarks.MatchingAsync([e], ct)));
        }

        // Assert
        string[][] expected = [["k0", "k2", "k1"], ["k2"], ["k4"], ["k0", "k2", "k3", "k1"], [], []];
        Assert.Equal(expected, batch.Select(b => b.Select(r => r.Id).ToArray()).ToArray());
        Assert.Equal(expected, alone.Select(b => b.Select(r => r.Id).ToArray()).ToArray());
        Assert.Equal(rows.Single(r => r.Id == "k3").ActivityExecutionId, batch[3][2].ActivityExecutionId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddPending_ManyEventsAndRepeats_KeepsEachOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct);
        var bookmarks = hub.Server.Services.GetRequiredService<BookmarkStore>();

        // More rows than one statement takes, then the same rows again with one new one.
        var events = Enumerable.Range(1, 300).SelectMany(seq => new[] { ((long)seq, "payment.captured", $"BILL-{seq}"), ((long)seq, "payment.captured", $"ORD-{seq}") }).ToList();
        await bookmarks.AddPendingAsync(events, ct);
        await bookmarks.AddPendingAsync([.. events.Take(10), (301L, "sale.recorded", "ORD-301")], ct);

        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        var stored = (await connection.QueryAsync<(long, string, string)>(new CommandDefinition(
            "SELECT event_seq, name, correlation FROM workflow_pending_events", cancellationToken: ct))).ToHashSet();
        Assert.Equal(601, stored.Count);
        Assert.Superset(events.ToHashSet(), stored);
        Assert.Contains((301L, "sale.recorded", "ORD-301"), stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PendingEvents_PastTheirRetention_DeletedByThePurgeLoopRecentOnesKept(DatabaseProvider provider)
    {
        // Arrange: pending events are kept for three seconds.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct, new Dictionary<string, string?> { ["Workflows:PendingEventRetention"] = "00:00:03" });
        var bookmarks = hub.Server.Services.GetRequiredService<BookmarkStore>();
        await bookmarks.AddPendingAsync([(1L, "payment.captured", "BILL-1"), (1L, "payment.captured", "ORD-1"), (2L, "payment.captured", "BILL-2")], ct);
        await Task.Delay(TimeSpan.FromSeconds(3.5), ct);

        // Act: a new pending event, while the purge loop (every 100 ms here) finds the first three past their retention.
        await bookmarks.AddPendingAsync([(3L, "payment.captured", "BILL-3")], ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<long> left;
        while ((left = await PendingSeqsAsync(hub, ct)).Count > 1 && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(50, ct);
        }

        // Assert
        Assert.Equal([3L], left);
    }

    private static async Task<IReadOnlyList<long>> PendingSeqsAsync(WorkflowHub hub, CancellationToken ct)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT event_seq FROM workflow_pending_events ORDER BY event_seq", cancellationToken: ct))).AsList();
    }

    private static BookmarkRecord Row(string instanceId, string id, string name, string correlation, DateTimeOffset at) => new()
    {
        Id = id,
        InstanceId = instanceId,
        ActivityExecutionId = $"exec-{id}",
        ActivityId = "Wait1",
        Name = name,
        Correlation = correlation,
        CreatedAt = at,
    };
}
