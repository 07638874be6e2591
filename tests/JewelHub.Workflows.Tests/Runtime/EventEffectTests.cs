using Dapper;
using JewelHub.Storage;
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
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM hub.workflow_instances", ct));
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM hub.workflow_event_effects WHERE event_seq = 77 AND target = 'waiting'", ct));
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
        Assert.Equal(created!.Id, await ScalarAsync<string>(hub, "SELECT id FROM hub.workflow_instances", ct));
        Assert.Equal(1, await CountAsync(hub, "SELECT count(*) FROM hub.workflow_event_effects", ct));
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
        Assert.Equal(2, await CountAsync(hub, "SELECT count(*) FROM hub.workflow_instances", ct));
        Assert.Equal(0, await CountAsync(hub, "SELECT count(*) FROM hub.workflow_event_effects", ct));
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

    private static async Task<string> VersionIdAsync(WorkflowHub hub, CancellationToken cancellationToken) =>
        (await hub.Server.Services.GetRequiredService<WorkflowDefinitionStore>().FindAsync("waiting", VersionOptions.Published, cancellationToken))!.Id;

    private static Task<long> CountAsync(WorkflowHub hub, string sql, CancellationToken cancellationToken) => ScalarAsync<long>(hub, sql, cancellationToken);

    private static async Task<T> ScalarAsync<T>(WorkflowHub hub, string sql, CancellationToken cancellationToken)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(database.Sql(sql), cancellationToken: cancellationToken)))!;
    }
}
