using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>The events kept as pending for bookmarks made later.</summary>
public sealed class BookmarkMatchingTests
{
    private static FlowJson Waiting() => new FlowJson("waiting")
        .Activity("Start1", "Elsa.Start")
        .Activity("Wait1", "Elsa.Event", ("eventName", "Literal", "never.sent"))
        .Connect("Start1", "Done", "Wait1");

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
        var stored = (await connection.QueryAsync<(long, string, string)>(new CommandDefinition(database.Sql(
            "SELECT event_seq, name, correlation FROM hub.workflow_pending_events"), cancellationToken: ct))).ToHashSet();
        Assert.Equal(601, stored.Count);
        Assert.Superset(events.ToHashSet(), stored);
        Assert.Contains((301L, "sale.recorded", "ORD-301"), stored);
    }
}
