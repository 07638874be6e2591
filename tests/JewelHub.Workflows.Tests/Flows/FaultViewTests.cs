using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Stores.Events;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

/// <summary>A faulted instance shows its activity, a message and an incident id; the stack trace and the database's own text stay in the log.</summary>
public sealed class FaultViewTests
{
    // A stack trace, a source path, the database's constraint text, .NET type names.
    private static readonly string[] Leaks =
        ["   at ", ".cs:line", "ck_test_no_staff", "constraint failed", "violates", "SqliteException", "PostgresException", "System.", "/work/", "stackTrace\":\""];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StepRefusedByADatabaseConstraint_ApiShowsActivityMessageAndIncidentOnly(DatabaseProvider provider)
    {
        // Arrange: a constraint that refuses every message to branch managers.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, settings: new Dictionary<string, string?> { ["Workflows:Retry:Delay"] = "00:00:00.010" });
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(provider == DatabaseProvider.Postgres
                ? "ALTER TABLE notifications ADD CONSTRAINT ck_test_no_staff CHECK (recipient NOT LIKE 'branch-managers:%')"
                : "CREATE TRIGGER ck_test_no_staff BEFORE INSERT ON notifications WHEN NEW.recipient LIKE 'branch-managers:%' BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_test_no_staff'); END");
        }

        // Act
        await hub.PostEventAsync("low-1", "stock.low", "MUM/coin", new { branch = "MUM", category = "coin", available = 1, threshold = 5 }, ct);
        var faulted = await hub.WaitForAsync("stock-low-alert", 1, "Faulted", ct);

        // Assert
        await AssertShownWithoutInternalsAsync(hub, Text(faulted[0]!["id"]), "NotifyManagers", "database", ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleReusingAnOrderIdPastTheDoor_FaultsAtReserveStockNothingMergedNoBillNumberUsed(DatabaseProvider provider)
    {
        // Arrange: SO-1 holds RING-A and is billed; a sale of RING-B under the same id reaches the log behind the door's back.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);
        (await hub.Client.PostAsJsonAsync("/api/orders", new { id = "SO-1", branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = "RING-A", quantity = 1 } } }, ct)).EnsureSuccessStatusCode();
        (await hub.Client.PostAsync("/api/orders/SO-1/bill", null, ct)).EnsureSuccessStatusCode();
        var before = await BooksAsync(hub, ct);

        // Act
        await hub.Server.Services.GetRequiredService<EventStore>().AppendAsync(new CloudEvent
        {
            Id = "sale-2",
            Source = "/tests",
            Type = EventTypes.SaleRecorded,
            Subject = "SO-1",
            Data = JsonSerializer.SerializeToElement(new { orderId = "SO-1", branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = "RING-B", quantity = 1 } } }),
        }, ct);
        var faulted = await hub.WaitForAsync("sale-to-bill", 1, "Faulted", ct);

        // Assert: the sale is a fault at Reserve Stock; the order, its bill, the bill numbers and RING-B are as they were.
        Assert.Equal(before, await BooksAsync(hub, ct));
        Assert.Equal("Available", await hub.PieceStatusAsync("RING-B", ct));
        var order = await hub.GetAsync("/api/orders/SO-1", ct);
        Assert.Equal("RING-A", Text(Assert.Single(order["lines"]!.AsArray())!["sku"]));
        await AssertShownWithoutInternalsAsync(hub, Text(faulted[0]!["id"]), "ReserveStock", "already exists with other lines", ct);
    }

    private static async Task AssertShownWithoutInternalsAsync(WorkflowHub hub, string instanceId, string activityId, string says, CancellationToken ct)
    {
        var details = await hub.GetAsync($"/api/workflows/instances/{instanceId}", ct);
        var incident = Assert.Single(details["incidents"]!.AsArray())!;
        var incidentId = Text(incident["id"]);
        Assert.Equal(activityId, Text(incident["activityId"]));
        Assert.Contains(says, Text(incident["message"]), StringComparison.OrdinalIgnoreCase);
        string[] bodies =
        [
            details.ToJsonString(),
            await hub.Client.GetStringAsync($"/elsa/api/workflow-instances/{instanceId}", ct),
            await hub.Client.GetStringAsync($"/elsa/api/workflow-instances/{instanceId}/journal", ct),
            await hub.Client.GetStringAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}", ct),
        ];
        Assert.All(bodies, body =>
        {
            Assert.Contains(incidentId, body, StringComparison.Ordinal);
            Assert.Contains(activityId, body, StringComparison.Ordinal);
            foreach (var leak in Leaks)
            {
                Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
            }
        });
    }

    // Bills, the next bill numbers and payments.
    private static async Task<(long, long, long)> BooksAsync(WorkflowHub hub, CancellationToken ct)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM bills"),
            await connection.ExecuteScalarAsync<long>("SELECT coalesce(sum(next_number), 0) FROM bill_series"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM payments"));
    }
}
