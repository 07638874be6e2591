using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Workflows.Definitions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// /elsa/api latency with many stored definitions and instances: seeds through the definition store (definitions) and
// bulk SQL (instances), then times the studio's main calls over loopback HTTP and prints p50/p95/p99 per call.
// Usage: dotnet run -c Release --project bench/JewelHub.Bench.ElsaApi -- sqlite|postgres [postgres connection string]
var provider = args.Length > 0 && args[0] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
const int Definitions = 1_000;
const int Instances = 100_000;
const int Samples = 300;
const string Key = "bench-admin-key-0123456789";
var folder = Path.Combine(Path.GetTempPath(), "jewelhub-bench-elsa-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var connectionString = provider == DatabaseProvider.Postgres ? args[1] : $"Data Source={Path.Combine(folder, "hub.db")}";

var app = HubApp.Build(["--environment", "Production"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:0",
    ["Auth:BootstrapAdminKey"] = Key,
    ["Logging:LogLevel:Default"] = "Warning",
    ["Database:Provider"] = provider.ToString(),
    ["Database:ConnectionString"] = connectionString,
    ["ConnectionStrings:Hub"] = provider == DatabaseProvider.Postgres ? connectionString : "",
    ["Workflows:Folder"] = folder,
}));
await HubApp.PrepareAsync(app, CancellationToken.None);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
using var client = new HttpClient { BaseAddress = new Uri(address + "/elsa/api/") };
client.DefaultRequestHeaders.Add("X-Api-Key", Key);

var seed = Stopwatch.StartNew();
var store = app.Services.GetRequiredService<WorkflowDefinitionStore>();
for (var i = 0; i < Definitions; i++)
{
    await store.SaveAsync(Model($"bench-{i:D4}", $"Bench flow {i:D4}"), publish: true, CancellationToken.None);
}

var database = app.Services.GetRequiredService<Database>();
await SeedInstancesAsync(database);

// A hub that has run for a while has had its tables vacuumed and analysed by PostgreSQL's autovacuum; a table filled a
// second ago has not. Do now what the steady state would have done. (SQLite gathers no statistics by itself.)
if (provider == DatabaseProvider.Postgres)
{
    await using var connection = await database.OpenAsync(CancellationToken.None);
    await connection.ExecuteAsync("VACUUM ANALYZE workflow_instances");
}

using (var run = await client.PostAsJsonAsync("workflow-definitions/bench-0001/execute", new { versionOptions = "Published" }))
{
    run.EnsureSuccessStatusCode();
}

var ran = (await (await client.PostAsJsonAsync("workflow-instances", new { definitionIds = (List<string>)["bench-0001"], pageSize = 1 })).Content.ReadFromJsonAsync<JsonObject>())!;
var instanceId = ran["items"]![0]!["id"]!.GetValue<string>();
Console.WriteLine($"Seeded {Definitions} definitions and {Instances} instances on {provider} in {seed.Elapsed.TotalSeconds:F0} s.");

var ids = string.Join("&", Enumerable.Range(0, 10).Select(i => $"DefinitionIds=bench-{i:D4}"));
var calls = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
{
    ("GET workflow-definitions (list page)", () => client.GetAsync("workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending")),
    ("GET workflow-definitions (Published, 10 DefinitionIds)", () => client.GetAsync($"workflow-definitions?versionOptions=Published&{ids}")),
    ("GET workflow-definitions (LatestOrPublished, all 1000)", () => client.GetAsync("workflow-definitions?versionOptions=LatestOrPublished")),
    ("GET by-definition-id", () => client.GetAsync("workflow-definitions/by-definition-id/bench-0500?versionOptions=Latest")),
    ("GET descriptors/activities", () => client.GetAsync("descriptors/activities?Refresh=True")),
    ("POST workflow-instances (list page)", () => client.PostAsJsonAsync("workflow-instances", new { page = 0, pageSize = 10, searchTerm = "", orderDirection = "Descending" })),
    ("POST workflow-instances (by definition + status)", () => client.PostAsJsonAsync("workflow-instances", new { page = 0, pageSize = 10, definitionIds = (List<string>)["bench-0042"], statuses = (List<string>)["Finished"] })),
    ("GET workflow-instances/{id}", () => client.GetAsync($"workflow-instances/{instanceId}")),
    ("POST workflow-instances/{id}/journal", () => client.PostAsJsonAsync($"workflow-instances/{instanceId}/journal?skip=0&take=110", new { filter = new { excludedActivityTypes = (List<string>)["Elsa.Workflow", "Elsa.Flowchart"] } })),
    ("POST activity-executions/report", () => client.PostAsJsonAsync("activity-executions/report", new { workflowInstanceId = instanceId, activityNodeIds = Array.Empty<string>() })),
    ("GET workflow-instances/{id}/execution-state", () => client.GetAsync($"workflow-instances/{instanceId}/execution-state")),
    ("POST workflow-definitions (save draft)", () => client.PostAsJsonAsync("workflow-definitions", new { model = Model("bench-0900", "Bench flow 0900"), publish = false })),
};

Console.WriteLine($"| Call ({provider}) | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (name, call) in calls)
{
    var times = new List<double>(Samples);
    for (var i = 0; i < Samples + 20; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await call();
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        if (i >= 20)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {Percentile(times, 0.99):F1} |"));
}

await app.StopAsync();
Directory.Delete(folder, recursive: true);

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static JsonObject Model(string definitionId, string name) => JsonNode.Parse("""
    {"definitionId":"__ID__","name":"__NAME__","root":{"type":"Elsa.Flowchart","id":"Flowchart1","activities":[
      {"id":"Start1","type":"Elsa.Start","version":1,"metadata":{"designer":{"position":{"x":0,"y":0}}}},
      {"id":"WriteLine1","type":"Elsa.WriteLine","version":1,"metadata":{"designer":{"position":{"x":250,"y":0}}},
       "text":{"typeName":"String","expression":{"type":"Literal","value":"Benchmark"},"memoryReference":null}}],
     "connections":[{"source":{"activity":"Start1","port":"Done"},"target":{"activity":"WriteLine1","port":"In"},"vertices":[]}]}}
    """.Replace("__ID__", definitionId, StringComparison.Ordinal).Replace("__NAME__", name, StringComparison.Ordinal))!.AsObject();

async Task SeedInstancesAsync(Database db)
{
    const string Insert = """
        INSERT INTO workflow_instances (id, definition_id, definition_version_id, version, name, status, correlation_id, variables, state,
            trigger_event, lease_id, lease_until, incident_count, created_at, updated_at, finished_at)
        VALUES (@Id, @DefinitionId, @VersionId, 1, @Name, @Status, NULL, '{}', '{"queue":[]}', NULL, NULL, NULL, 0, @At, @At, @FinishedAt)
        """;
    var start = TimeProvider.System.GetUtcNow().AddDays(-30);
    string[] statuses = ["Finished", "Finished", "Finished", "Suspended", "Faulted", "Cancelled"];
    for (var batch = 0; batch < Instances / 10_000; batch++)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, CancellationToken.None);
        var rows = Enumerable.Range(batch * 10_000, 10_000).Select(i =>
        {
            var definition = i % Definitions;
            var at = start.AddSeconds(i * 20);
            var status = statuses[i % statuses.Length];
            return new
            {
                Id = $"seed-{i:D6}",
                DefinitionId = $"bench-{definition:D4}",
                VersionId = $"bench-{definition:D4}-v1",
                Name = $"Bench flow {definition:D4}",
                Status = status,
                At = at,
                FinishedAt = status == "Suspended" ? (DateTimeOffset?)null : at,
            };
        });
        await connection.ExecuteAsync(new CommandDefinition(Insert, rows, transaction));
        await transaction.CommitAsync();
    }
}
