using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Runtime;

/// <summary>
/// Workflow JavaScript as Elsa 3 has it: modern constructs evaluated by real runs, runaway scripts stopped by their
/// limits and recorded as incidents, and scripts that do not parse refused when a definition is saved or published.
/// </summary>
public sealed class ModernJavaScriptTests
{
    private static readonly object Sale = new
    {
        orderId = "ORD-7",
        branch = "MUM",
        count = 0,
        customer = new { name = "Asha" },
        lines = new[] { new { sku = "RG-1", quantity = 1 }, new { sku = "CH-2", quantity = 3 } },
    };

    /// <summary>Each construct's script and the variable value a run of it gives, for <see cref="Sale"/>.</summary>
    public static readonly TheoryData<DatabaseProvider, string> Constructs = Rows(
        "LetConst", "ArrowFunction", "TemplateLiteral", "Destructuring", "OptionalChaining", "NullishCoalescing", "ArrayMethods", "Json", "Date", "SetVariable");

    private static readonly Dictionary<string, (string Script, string Expected)> Scripts = new(StringComparer.Ordinal)
    {
        ["LetConst"] = ("let total = 2; const rate = 3; total = total * rate; total", "6"),
        ["ArrowFunction"] = ("const twice = n => n * 2; const add = (a, b) => { return a + b; }; add(twice(20), 2)", "42"),
        ["TemplateLiteral"] = ("`${input.branch}/${input.orderId}: ${input.lines.length} lines`", "\"MUM/ORD-7: 2 lines\""),
        ["Destructuring"] = ("const { branch, lines: [first, ...rest] } = input; const [a, b] = [first.sku, rest.length]; `${branch}:${a}:${b}`", "\"MUM:RG-1:1\""),
        ["OptionalChaining"] = ("[input.customer?.name, input.missing?.name ?? 'none', input.lines?.[1]?.sku, typeof input.customer?.greet?.()]", "[\"Asha\",\"none\",\"CH-2\",\"undefined\"]"),
        ["NullishCoalescing"] = ("[input.count ?? 5, input.count || 5, input.discount ?? 'no discount']", "[0,5,\"no discount\"]"),
        ["ArrayMethods"] = (
            "const lines = input.lines; [lines.map(l => l.sku), lines.filter(l => l.quantity > 1).length, lines.reduce((s, l) => s + l.quantity, 0), lines.find(l => l.sku.startsWith('CH')).quantity, lines.some(l => l.quantity > 2), lines.every(l => l.quantity > 2), [[1], [2, 3]].flat(), Array.from({ length: 3 }, (_, i) => i * i), lines.map(l => l.sku).includes('RG-1')]",
            "[[\"RG-1\",\"CH-2\"],1,4,3,true,false,[1,2,3],[0,1,4],true]"),
        ["Json"] = ("const text = JSON.stringify({ order: input.orderId, qty: input.lines.map(l => l.quantity) }); [text, JSON.parse(text).qty[1]]", "[\"{\\\"order\\\":\\\"ORD-7\\\",\\\"qty\\\":[1,3]}\",3]"),
        ["Date"] = ("const due = new Date(Date.UTC(2026, 3, 15, 10, 30)); due.setUTCDate(due.getUTCDate() + 30); [due.toISOString(), due.getUTCDay(), new Date('2026-04-15T10:30:00Z') < due]", "[\"2026-05-15T10:30:00.000Z\",5,true]"),
        ["SetVariable"] = ("setVariable('Touched', { by: 'script', at: getVariable('LetConst') }); 'done'", "\"done\""),
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    public async Task Run_ScriptUsingModernConstruct_SetsTheVariable(DatabaseProvider provider, string construct)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("modern-js").Variable("LetConst").Variable("Touched");
        if (construct != "LetConst")
        {
            flow.Variable(construct);
        }

        flow
            .Activity("Start1", "Elsa.Start")
            .Activity("LetConst1", "Elsa.SetVariable", ("value", "JavaScript", Scripts["LetConst"].Script))
            .With("variable", new JsonObject { ["id"] = "var-LetConst", ["name"] = "LetConst" })
            .Activity("Set1", "Elsa.SetVariable", ("value", "JavaScript", Scripts[construct].Script))
            .With("variable", new JsonObject { ["id"] = $"var-{construct}", ["name"] = construct })
            .Activity("End1", "Elsa.End")
            .Connect("Start1", "Done", "LetConst1").Connect("LetConst1", "Done", "Set1").Connect("Set1", "Done", "End1");
        await using var hub = await StartAsync(provider, [flow], ct);

        var run = await hub.RunAsync("modern-js", Sale, ct);

        Assert.True(Text(run["instance"]!["status"]) == "Finished", run.ToJsonString());
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(Scripts[construct].Expected), run["variables"]![construct]),
            $"{construct}: {run["variables"]![construct]?.ToJsonString()}");
        if (construct == "SetVariable")
        {
            Assert.Equal("""{"by":"script","at":6}""", run["variables"]!["Touched"]?.ToJsonString());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_EndlessLoop_FaultsWithinTheTimeLimit(DatabaseProvider provider)
    {
        var faulted = await RunRunawayAsync(provider, "let sum = 0; while (true) { sum = (sum + 1) % 7; }",
            new() { ["Workflows:Scripts:TimeLimit"] = "00:00:00.300", ["Workflows:Scripts:MemoryLimit"] = "1073741824" });

        Assert.Contains("time limit of 0.3 s", faulted.Message, StringComparison.Ordinal);
        Assert.True(faulted.Elapsed < TimeSpan.FromSeconds(10), $"took {faulted.Elapsed}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_HugeAllocation_FaultsAtTheMemoryLimit(DatabaseProvider provider)
    {
        var faulted = await RunRunawayAsync(provider, "const parts = []; while (true) { parts.push(new Array(10000).fill('jewel')); }", []);

        Assert.Contains("memory limit of 16 MB", faulted.Message, StringComparison.Ordinal);
        Assert.True(faulted.Elapsed < TimeSpan.FromSeconds(10), $"took {faulted.Elapsed}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_DeepRecursion_FaultsAtTheRecursionLimit(DatabaseProvider provider)
    {
        var faulted = await RunRunawayAsync(provider, "const dive = n => dive(n + 1); dive(0)", []);

        Assert.Contains("recursion limit of 256", faulted.Message, StringComparison.Ordinal);
        Assert.True(faulted.Elapsed < TimeSpan.FromSeconds(10), $"took {faulted.Elapsed}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaveAndPublish_ScriptThatDoesNotParse_RefusedNamingActivityAndInput(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync(provider, [], ct);
        var model = Runaway("broken-js", "const total = `${input.amount");

        using var save = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false }, ct);
        using var publish = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true }, ct);
        using var stored = await hub.Client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/broken-js?versionOptions=Latest", ct);

        foreach (var response in new[] { save, publish })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
            var message = Assert.Single(problem["errors"]!["model.root"]!.AsArray())!.GetValue<string>();
            Assert.Contains("activity 'Script1': input 'value': JavaScript does not parse", message, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    private static async Task<(string Message, TimeSpan Elapsed)> RunRunawayAsync(DatabaseProvider provider, string script, Dictionary<string, string?> settings)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = new FlowJson("runaway").Variable("X")
            .Activity("Start1", "Elsa.Start")
            .Activity("Script1", "Elsa.SetVariable", ("value", "JavaScript", script))
            .With("variable", new JsonObject { ["id"] = "var-X", ["name"] = "X" })
            .Activity("End1", "Elsa.End")
            .Connect("Start1", "Done", "Script1").Connect("Script1", "Done", "End1");
        await using var hub = await StartAsync(provider, [flow], ct, settings);
        var clock = Stopwatch.StartNew();

        var run = await hub.RunAsync("runaway", null, ct);

        clock.Stop();
        Assert.True(Text(run["instance"]!["status"]) == "Faulted", run.ToJsonString());
        var incident = Assert.Single(run["incidents"]!.AsArray())!;
        Assert.Equal("Script1", Text(incident["activityId"]));
        return (Text(incident["message"]), clock.Elapsed);
    }

    private static JsonObject Runaway(string definitionId, string script) => new FlowJson(definitionId).Variable("X")
        .Activity("Start1", "Elsa.Start")
        .Activity("Script1", "Elsa.SetVariable", ("value", "JavaScript", script))
        .With("variable", new JsonObject { ["id"] = "var-X", ["name"] = "X" })
        .Connect("Start1", "Done", "Script1")
        .Build();

    private static TheoryData<DatabaseProvider, string> Rows(params string[] constructs)
    {
        var rows = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var construct in constructs)
            {
                rows.Add(provider, construct);
            }
        }

        return rows;
    }
}
