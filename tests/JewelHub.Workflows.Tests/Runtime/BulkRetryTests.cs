using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// Faulted instances retried in bulk from their failed activity, through /api/workflows and through Elsa's
/// alterations API: once the outside service answers again, one retry finishes them all, each call's effect once.
/// </summary>
public sealed class BulkRetryTests
{
    private static FlowJson OutsideCall(string url) => new FlowJson("outside-call")
        .Activity("Start1", "Elsa.Start")
        .Activity("Call1", "Elsa.SendHttpRequest", ("url", "Literal", url), ("method", "Literal", "POST"))
        .Activity("End1", "Elsa.End")
        .Connect("Start1", "Done", "Call1").Connect("Call1", "Done", "End1");

    private static readonly Dictionary<string, string?> OneRetry = new() { ["Workflows:RetryByActivityType:Elsa.SendHttpRequest:MaxRetryAttempts"] = "1" };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BulkRetry_TwentyFaultedByOneOutsideCall_OneRetryFinishesAllEachEffectOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = FakeService.Start();
        await using var hub = await StartAsync(provider, [OutsideCall(service.Url)], ct, OneRetry);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var run = await hub.RunAsync("outside-call", new { n = i }, ct);
            Assert.Equal("Faulted", Text(run["instance"]!["status"]));
            ids.Add(Text(run["instance"]!["id"]));
        }

        var since = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        service.Healthy = true;
        using var response = await hub.Client.PostAsJsonAsync("/api/workflows/instances/retry",
            new { definitionId = "outside-call", incidentType = "ActivityFault", faultedFrom = since }, ct);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        using var again = await hub.Client.PostAsJsonAsync("/api/workflows/instances/retry", new { definitionId = "outside-call" }, ct);
        var second = (await again.Content.ReadFromJsonAsync<JsonObject>(ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retried = body["retried"]!.AsArray();
        Assert.Equal(ids.Order(), retried.Select(r => Text(r!["instanceId"])).Order());
        Assert.All(retried, r => Assert.Equal("Finished", Text(r!["status"])));
        Assert.Empty(second["retried"]!.AsArray());
        await hub.WaitForAsync("outside-call", 20, "Finished", ct);

        // Each instance's call was answered once (one idempotency key each); failed attempts had no effect.
        Assert.Equal(20, service.Answered.Count);
        Assert.All(service.Answered.Values, count => Assert.Equal(1, count));
        var journal = (await hub.InstanceAsync(ids[7], ct))["journal"]!.AsArray().Select(j => Text(j!["eventName"])).ToList();
        Assert.Single(journal, e => e == "Retried");
        Assert.Equal("Completed", journal[^1]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ElsaAlterationsRetry_FaultedInstances_RetriedFromTheFailedActivity(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = FakeService.Start();
        await using var hub = await StartAsync(provider, [OutsideCall(service.Url)], ct, OneRetry);
        var first = Text((await hub.RunAsync("outside-call", null, ct))["instance"]!["id"]);
        var second = Text((await hub.RunAsync("outside-call", null, ct))["instance"]!["id"]);
        service.Healthy = true;

        using var wrongActivity = await hub.Client.PostAsJsonAsync("/elsa/api/alterations/run",
            new { alterations = new[] { new { type = "ScheduleActivity", activityId = "End1" } }, workflowInstanceIds = new[] { first } }, ct);
        using var retry = await hub.Client.PostAsJsonAsync("/elsa/api/alterations/workflows/retry", new { workflowInstanceIds = new[] { first } }, ct);
        using var run = await hub.Client.PostAsJsonAsync("/elsa/api/alterations/run",
            new { alterations = new[] { new { type = "ScheduleActivity", activityId = "Call1" } }, workflowInstanceIds = new[] { second } }, ct);
        using var unknown = await hub.Client.PostAsJsonAsync("/elsa/api/alterations/run",
            new { alterations = new[] { new { type = "Migrate" } }, workflowInstanceIds = new[] { second } }, ct);

        var notApplied = Assert.Single((await wrongActivity.Content.ReadFromJsonAsync<JsonObject>(ct))!["results"]!.AsArray())!;
        Assert.False(notApplied["isSuccessful"]!.GetValue<bool>());
        Assert.Contains("failed activity (Call1)", Text(notApplied["log"]!["logEntries"]![0]!["message"]), StringComparison.Ordinal);
        foreach (var answer in new[] { retry, run })
        {
            var result = Assert.Single((await answer.Content.ReadFromJsonAsync<JsonObject>(ct))!["results"]!.AsArray())!;
            Assert.True(result["isSuccessful"]!.GetValue<bool>(), result.ToJsonString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("alterations[0].type", await unknown.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        await hub.WaitForAsync("outside-call", 2, "Finished", ct);
        Assert.Equal(2, service.Answered.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BulkRetry_NoCriteriaOrBackwardWindow_RefusedNamingTheField(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [], ct);

        using var none = await hub.Client.PostAsJsonAsync("/api/workflows/instances/retry", new { }, ct);
        using var backward = await hub.Client.PostAsJsonAsync("/api/workflows/instances/retry",
            new { faultedFrom = "2026-12-08T10:00:00Z", faultedTo = "2026-12-08T09:00:00Z" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("\"instanceIds\"", await none.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backward.StatusCode);
        Assert.Contains("must be later than faultedFrom", await backward.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    /// <summary>Another system's HTTP service: 503 until <see cref="Healthy"/>, then 200, counting answered calls by idempotency key.</summary>
    private sealed class FakeService : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        private FakeService(int port)
        {
            Url = $"http://127.0.0.1:{port}/charge";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public volatile bool Healthy;

        public ConcurrentDictionary<string, int> Answered { get; } = new(StringComparer.Ordinal);

        public static FakeService Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new FakeService(port);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var key = context.Request.Headers["Idempotency-Key"] ?? "";
                if (Healthy)
                {
                    Answered.AddOrUpdate(key, 1, (_, n) => n + 1);
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync("{\"charged\":true}"u8.ToArray());
                }
                else
                {
                    context.Response.StatusCode = 503;
                }

                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
