using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Events;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>
/// Reads the hub's own OpenAPI document and sends every operation invalid and extreme input generated from it: no
/// answer may be a 5xx, every refusal is a problem naming a field, and nothing is written by a refused request. A new
/// endpoint is swept as soon as it is mapped. Seeded from JEWELHUB_SWEEP_SEED, else a fresh seed printed on failure.
/// </summary>
public sealed partial class BadInputSweepTests
{
    /// <summary>Routes under /api that are not in the OpenAPI document, each with the reason. Keep this short.</summary>
    private static readonly Dictionary<string, string> Undocumented = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryOperation_BadInput_RefusedWithProblemAndNothingWritten(DatabaseProvider provider)
    {
        var seed = SweepSeed.Next();
        var clock = Stopwatch.StartNew();
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var world = await SweepWorld.SeedAsync(hub, Ct);
        var document = await hub.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var api = new ApiDescription(document);
        var inputs = new BadInputs(api, new Random(seed));
        var sweep = new Sweep(hub, await StoreRows.ForAsync(hub, Ct), seed);
        await sweep.SettleAsync(Ct);

        foreach (var operation in api.Operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
        {
            await SweepOperationAsync(operation, inputs, world, sweep);
        }

        foreach (var operation in ElsaOperations(hub))
        {
            await SweepOperationAsync(operation, inputs, world, sweep);
        }

        await SweepEventsAsync(inputs, world, sweep, new Random(seed));
        await SweepWorld.AssertBooksAsync(hub, sweep, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Sweep seed {seed} on {provider}: {sweep.Sent} requests in {clock.Elapsed.TotalSeconds:F1} s, {sweep.Failures.Count} failures.");
        Assert.True(sweep.Failures.Count == 0, sweep.Report(provider.ToString()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryApiRoute_IsInTheOpenApiDocument(DatabaseProvider provider)
    {
        await using var hub = await HubServer.StartAsync(provider, Ct);
        var document = await hub.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var operations = new ApiDescription(document).Operations;
        var documented = operations.Select(o => $"{o.Method} {Normalize(o.Path)}").ToHashSet(StringComparer.Ordinal);

        var mapped = Routes(hub).Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        var missing = mapped.Select(r => $"{r.Method} {r.Path}").Where(r => !documented.Contains(r) && !Undocumented.ContainsKey(r)).ToList();

        Assert.True(mapped.Count > 30, $"expected the hub's routes, found {mapped.Count}");
        Assert.Contains(operations, o => o.Path.TrimEnd('/') == "/api/migrations" && o.FormBody is not null);
        Assert.True(missing.Count == 0, "Routes the sweep cannot see (add them to the document or to the exclusion list with a reason): " + string.Join(", ", missing));
    }

    private static async Task SweepOperationAsync(ApiOperation operation, BadInputs inputs, SweepWorld world, Sweep sweep)
    {
        var path = BadInputs.RealPath(operation, world.RealValue);
        JsonNode? baseline = operation.JsonBody is { } schema ? world.Baseline(operation) ?? inputs.Synthesize(schema) : null;
        var baselineText = baseline?.ToJsonString() ?? (operation.Method is "POST" or "PUT" ? "{}" : null);

        foreach (var request in inputs.PathCases(operation, world.RealValue, baselineText))
        {
            await sweep.SendAsync(operation, request, Ct);
        }

        foreach (var request in inputs.QueryCases(operation, path))
        {
            await sweep.SendAsync(operation, request, Ct);
        }

        if (baseline is not null)
        {
            foreach (var request in inputs.BodyCases(operation, path, baseline))
            {
                await sweep.SendAsync(operation, request, Ct);
            }
        }

        if (operation.FormBody is not null)
        {
            foreach (var request in BadInputs.MultipartCases(operation, path, SweepWorld.FormFields()))
            {
                await sweep.SendAsync(operation, request, Ct);
            }
        }
        else if (baselineText is not null)
        {
            foreach (var request in BadInputs.MalformedCases(operation, path, baselineText))
            {
                await sweep.SendAsync(operation, request, Ct);
            }
        }
    }

    /// <summary>Every canonical event type with data that is not its record: wrong shapes, each field wrong or missing.</summary>
    private static async Task SweepEventsAsync(BadInputs inputs, SweepWorld world, Sweep sweep, Random random)
    {
        var operation = new ApiOperation("POST", "/api/events", [], null, null);
        foreach (var type in EventTypes.All.Order(StringComparer.Ordinal))
        {
            var shapes = new (string What, JsonNode? Data, bool Invalid)[]
            {
                ("data {}", new JsonObject(), true), ("data null", null, true), ("data string", JsonValue.Create("sale"), true),
                ("data array", new JsonArray(), true), ("data number", JsonValue.Create(1e30), true),
            }.ToList();
            if (world.EventSample(type) is { } sample)
            {
                foreach (var (name, value) in sample)
                {
                    var kinds = SweepWorld.WrongFor(value, random).Select(wrong => ($"data.{name} as {wrong.What}", wrong.Value, true))
                        .Concat(SweepWorld.ExtremeFor(value, random).Select(extreme => ($"data.{name}={extreme.What}", extreme.Value, false)))
                        .Append(($"data.{name} missing", (JsonNode?)null, false));
                    foreach (var (what, replacement, invalid) in kinds)
                    {
                        var data = (JsonObject)sample.DeepClone();
                        if (what.EndsWith(" missing", StringComparison.Ordinal))
                        {
                            data.Remove(name);
                        }
                        else
                        {
                            data[name] = replacement;
                        }

                        shapes.Add((what, data, invalid));
                    }
                }
            }

            foreach (var (what, data, invalid) in shapes)
            {
                var envelope = new JsonObject
                {
                    ["specversion"] = "1.0",
                    ["id"] = "sweep-" + Guid.NewGuid().ToString("N"),
                    ["source"] = "sweep",
                    ["type"] = type,
                    ["subject"] = "sweep",
                    ["data"] = data,
                };
                var request = new BadRequest("POST", "/api/events", Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", $"{type} {what}", invalid);
                await sweep.SendAsync(operation, request, Ct);
            }
        }
    }

    /// <summary>The Elsa studio API is left out of the OpenAPI document; its routes are swept from the app's endpoints.</summary>
    private static IEnumerable<ApiOperation> ElsaOperations(HubServer hub) =>
        Routes(hub).Where(r => r.Path.StartsWith("/elsa/api/", StringComparison.Ordinal))
            .Select(r => new ApiOperation(r.Method, r.Path, [.. r.Parameters.Select(p => new ApiParameter(p, "path", true, default)), .. ElsaQuery], null, null));

    private static readonly ApiParameter[] ElsaQuery =
        [.. new[] { "page", "pageSize", "versionOptions", "definitionId", "id", "name", "skip", "take" }.Select(n => new ApiParameter(n, "query", false, default))];

    private static IEnumerable<(string Method, string Path, IReadOnlyList<string> Parameters)> Routes(HubServer hub)
    {
        foreach (var endpoint in hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalize("/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (method, path, parameters);
            }
        }
    }

    private static string Normalize(string path) => RouteParameter().Replace(path, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
