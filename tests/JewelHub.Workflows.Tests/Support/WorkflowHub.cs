using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;

namespace JewelHub.Workflows.Tests.Support;

/// <summary>A real hub whose workflows/ folder holds the given definitions, with fast loops for tests.</summary>
public sealed class WorkflowHub : IAsyncDisposable
{
    private WorkflowHub(HubServer server, string folder)
    {
        Server = server;
        Folder = folder;
    }

    public HubServer Server { get; private set; }

    public string Folder { get; }

    public HttpClient Client => Server.Client;

    public static async Task<WorkflowHub> StartAsync(DatabaseProvider provider, IEnumerable<FlowJson> flows, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jewelhub-flows", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var flow in flows)
        {
            var model = flow.Build();
            await File.WriteAllTextAsync(Path.Combine(folder, $"{model["definitionId"]}.json"), model.ToJsonString(), cancellationToken);
        }

        var database = await TestDatabase.CreateEmptyAsync(provider, cancellationToken);
        return new WorkflowHub(await HubServer.StartAsync(database, cancellationToken, Settings(folder, settings)), folder);
    }

    /// <summary>
    /// A real hub whose workflows/ folder is <paramref name="folder"/> (already filled); the folder is deleted on dispose.
    /// <paramref name="prepare"/> runs on the new, empty database before the hub starts; <paramref name="settings"/> add
    /// to the test settings.
    /// </summary>
    public static async Task<WorkflowHub> StartInFolderAsync(
        DatabaseProvider provider,
        string folder,
        CancellationToken cancellationToken,
        Func<TestDatabase, Task>? prepare = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateEmptyAsync(provider, cancellationToken);
        if (prepare is not null)
        {
            await prepare(database);
        }

        return new WorkflowHub(await HubServer.StartAsync(database, cancellationToken, Settings(folder, settings)), folder);
    }

    public static Dictionary<string, string?> Settings(string folder, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:Folder"] = folder,
            ["Workflows:EventPollInterval"] = "00:00:00.020",
            ["Workflows:TimerInterval"] = "00:00:00.100",
            ["Workflows:LeaseDuration"] = "00:00:02",
            ["Workflows:Retry:Delay"] = "00:00:00.010",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Stops the hub and starts a new one on the same database (a restart).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = Server.Database;
        await Server.StopAsync();
        Server = await HubServer.StartAsync(database, cancellationToken, Settings(Folder, settings));
    }

    public async Task PostEventAsync(string id, string type, string? subject, object? data, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync("/api/events", new { specversion = "1.0", id, source = "/tests", type, subject, data }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The smallest data a sale.recorded for <paramref name="orderId"/> is accepted with: one ring at branch MUM.</summary>
    public static object SaleData(string orderId) =>
        new { orderId, branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = "RING-" + orderId, quantity = 1 } } };

    /// <summary>The data of a payment.captured of <paramref name="amount"/> rupees in cash for <paramref name="orderId"/>.</summary>
    public static object PaymentData(string paymentId, string orderId, int amount) =>
        new { paymentId, orderId, amount, currency = "INR", method = "cash" };

    public async Task<JsonObject> RunAsync(string definitionId, object? input, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync($"/api/workflows/definitions/{definitionId}/run", new { input }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    public async Task<JsonArray> InstancesAsync(string definitionId, CancellationToken cancellationToken) =>
        (await Client.GetFromJsonAsync<JsonArray>($"/api/workflows/instances?definitionId={definitionId}", cancellationToken))!;

    public async Task<JsonObject> InstanceAsync(string id, CancellationToken cancellationToken) =>
        (await Client.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{id}", cancellationToken))!;

    /// <summary>Waits until the definition has <paramref name="count"/> instances, all in <paramref name="status"/>; returns them.</summary>
    public Task<JsonArray> WaitForAsync(string definitionId, int count, string status, CancellationToken cancellationToken, int seconds = 30) =>
        WaitUntilAsync(definitionId, instances => instances.Count == count && instances.All(i => i!["status"]!.GetValue<string>() == status), cancellationToken, seconds);

    /// <summary>Waits until the definition's instances satisfy <paramref name="condition"/>; returns them.</summary>
    public async Task<JsonArray> WaitUntilAsync(string definitionId, Func<JsonArray, bool> condition, CancellationToken cancellationToken, int seconds = 30)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var instances = await InstancesAsync(definitionId, cancellationToken);
            if (condition(instances))
            {
                return instances;
            }

            if (clock.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"Instances of {definitionId} did not reach the expected state; have {instances.ToJsonString()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder's cleaner removes what is still open.
        }
    }

    public static string Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? "";
}
