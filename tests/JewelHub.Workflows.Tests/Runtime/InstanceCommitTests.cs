using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// A run's last write is fenced by its lease. In a unit of work on PostgreSQL it travels with the COMMIT, so the fence
/// raises instead of answering; either way a run that no longer holds its instance commits nothing.
/// </summary>
public sealed class InstanceCommitTests
{
    private static FlowJson Waiting() => new FlowJson("waiting")
        .Variable("Stage", "String", "before")
        .Activity("Start1", "Elsa.Start")
        .Activity("Wait1", "Elsa.Event", ("eventName", "Literal", "never.sent"))
        .Activity("End1", "Elsa.End")
        .Connect("Start1", "Done", "Wait1").Connect("Wait1", "Done", "End1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CommitInUnit_RunNoLongerHoldsTheInstance_NothingOfTheUnitCommits(DatabaseProvider provider)
    {
        // Arrange: a suspended instance, i.e. one that no run holds.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [Waiting()], ct);
        var run = await hub.RunAsync("waiting", null, ct);
        var instanceId = Text(run["instance"]!["id"]);
        Assert.Equal("Suspended", Text(run["instance"]!["status"]));
        var database = hub.Server.Services.GetRequiredService<Database>();
        var instances = hub.Server.Services.GetRequiredService<WorkflowInstanceStore>();
        var journalBefore = await CountAsync(database, "SELECT count(*) FROM workflow_journal", ct);
        var commit = new InstanceCommit
        {
            InstanceId = instanceId,
            LeaseId = WorkflowInstanceStore.NewLeaseId(),
            Status = WorkflowStatus.Running,
            Variables = """{"Stage":"after"}""",
            State = """{"queue":[],"waiting":{}}""",
        };
        commit.Journal.Add(new JournalRecord { InstanceId = instanceId, EventName = "Started", ActivityId = "Wait1", At = DateTimeOffset.UnixEpoch });

        // Act: a store effect and the stale run's step in one unit.
        Exception? failure = null;
        await using (var unit = await database.BeginUnitAsync(ct))
        {
            try
            {
                await unit.Connection.ExecuteAsync(unit.Command(
                    "INSERT INTO workflow_effects (key, result, at) VALUES ('stale-run', NULL, @At)", new { At = DateTimeOffset.UnixEpoch }, ct));
                await instances.WriteStepAsync(unit, commit, ct);
                await unit.CommitAsync(ct);
            }
            catch (LeaseLostException exception)
            {
                failure = exception;
            }
        }

        // Assert: the fence refused the step before the commit, and the unit rolled back: nothing was written.
        Assert.IsType<LeaseLostException>(failure);

        var instance = await hub.InstanceAsync(instanceId, ct);
        Assert.Equal("Suspended", Text(instance["instance"]!["status"]));
        Assert.Equal("before", Text(instance["variables"]!["Stage"]));
        Assert.Equal(journalBefore, await CountAsync(database, "SELECT count(*) FROM workflow_journal", ct));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM workflow_effects WHERE key = 'stale-run'", ct));
    }

    private static async Task<long> CountAsync(Database database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}
