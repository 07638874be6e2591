using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests.Workflows;

/// <summary>
/// JavaScript in the genuine studio: opening a JavaScript input asks the hub for the definition's type definitions,
/// and the editor then completes the workflow's variables by name. Every step leaves a screenshot.
/// </summary>
public sealed class StudioScriptingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Model() => JsonNode.Parse("""
        {
          "definitionId": "typed-js", "name": "Typed script", "toolVersion": "3.8.2.0",
          "variables": [
            { "id": "v1", "name": "OrderTotal", "typeName": "Int32", "isArray": false, "value": "0", "storageDriverTypeName": "JewelHub.WorkflowInstance" },
            { "id": "v2", "name": "CustomerName", "typeName": "String", "isArray": false, "value": "", "storageDriverTypeName": "JewelHub.WorkflowInstance" }
          ],
          "root": {
            "type": "Elsa.Flowchart", "version": 1, "id": "Flowchart1", "name": "Flowchart1",
            "activities": [
              { "id": "Start1", "name": "Start1", "type": "Elsa.Start", "version": 1,
                "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "Set1", "name": "Set1", "type": "Elsa.SetVariable", "version": 1,
                "variable": { "id": "v1", "name": "OrderTotal", "typeName": "Int32" },
                "value": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "variables.OrderTotal + 1" } },
                "metadata": { "designer": { "position": { "x": 300, "y": 0 } } } }
            ],
            "connections": [ { "source": { "activity": "Start1", "port": "Done" }, "target": { "activity": "Set1", "port": "In" } } ]
          }
        }
        """)!.AsObject();

    [Fact]
    public async Task Editor_OpenJavaScriptInput_FetchesTypeDefinitionsAndCompletesAVariableByName()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = Model(), publish = false }, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");
        await studio.Page.GetByText("Typed script", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(2, new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("40-editor-shows-the-script-flow");

        // Selecting the step opens its inputs; its JavaScript input asks for the type definitions.
        var typeDefinitions = studio.Page.WaitForResponseAsync(
            r => r.Url.Contains("/elsa/api/scripting/javascript/type-definitions/typed-js", StringComparison.Ordinal),
            new() { Timeout = StudioPage.Timeout });
        await studio.Page.Locator("g.x6-node[data-cell-id='Set1']").ClickAsync();
        var answer = await typeDefinitions;
        Assert.True(answer.Status == 200, $"type definitions answered {answer.Status}; traffic:{Environment.NewLine}{studio.Traffic}");
        Assert.Contains("declare function getOrderTotal(): number;", await answer.TextAsync(), StringComparison.Ordinal);
        var editor = studio.Page.Locator(".monaco-editor").First;
        await Assertions.Expect(editor).ToBeVisibleAsync(new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("41-javascript-input-open");

        // Typing after "variables." offers the workflow's variables by name.
        await editor.ClickAsync();
        await studio.Page.Keyboard.PressAsync("End");
        await studio.Page.Keyboard.TypeAsync(" + variables.Cust");
        var suggestions = studio.Page.Locator(".monaco-editor .suggest-widget");
        await Assertions.Expect(suggestions).ToContainTextAsync("CustomerName", new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("42-editor-completes-a-variable");
    }

    [Fact]
    public async Task Editor_ModernJavaScriptPublishedAndRun_ViewerLoadsTheComputedValue()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var model = Model();
        model["definitionId"] = "modern-js";
        model["name"] = "Modern script";
        model["root"]!["activities"]![1]!["value"]!["expression"]!["value"] =
            "const items = [{ sku: 'RG-1', qty: 2 }, { sku: 'CH-2' }]; const { length } = items; "
            + "const total = items.map(i => i.qty ?? 1).reduce((a, b) => a + b, 0); `${items[0]?.sku}:${total} of ${length} lines`";
        model["variables"]![0]!["typeName"] = "String";
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false }, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");
        await studio.Page.GetByText("Modern script", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(2, new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("43-modern-script-draft");

        // Published from the editor, then run from it: the studio opens the instance's viewer.
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync("modern-js", "Published", d => d["isPublished"]!.GetValue<bool>());
        await studio.ScreenshotAsync("44-modern-script-published");
        var executionAnswers = new System.Collections.Concurrent.ConcurrentQueue<Task<string>>();
        studio.Page.Response += (_, response) =>
        {
            if (response.Url.Contains("/elsa/api/activity-executions", StringComparison.Ordinal) && response.Status == 200)
            {
                executionAnswers.Enqueue(response.TextAsync());
            }
        };
        var instanceId = await studio.RunAsync();
        var instance = await hub.Client.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instanceId}", Ct);
        Assert.Equal("RG-1:3 of 2 lines", instance!["variables"]!["OrderTotal"]!.GetValue<string>());

        // Selecting the step in the viewer loads its execution, which carries the value the script computed.
        await studio.Node("Set1").ClickAsync(new() { Force = true });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await LoadedAsync(executionAnswers, "RG-1:3 of 2 lines"))
        {
            Assert.True(clock.Elapsed.TotalMilliseconds < StudioPage.Timeout, $"the viewer never loaded the computed value; traffic:{Environment.NewLine}{studio.Traffic}");
            await Task.Delay(200, Ct);
        }

        await studio.ScreenshotAsync("45-viewer-loads-the-computed-value");
    }

    [Fact]
    public async Task CreatedInStudio_ModernJavaScriptRunFromTheEditorAndByAnEvent_ViewerShowsTheComputedValues()
    {
        // let/const, arrow functions, template literal, destructuring, ?. and ??, array methods, JSON and dates.
        const string Script = "const lines = input?.lines ?? [{ sku: 'RING-18K', quantity: 2 }, { sku: 'CHAIN-22' }]; let count = 0; "
            + "lines.forEach(({ quantity }) => { count += quantity ?? 1; }); const skus = lines.map(l => l.sku).filter(s => s.length > 0).join('+'); "
            + "const year = new Date(Date.UTC(2026, 0, 15)).getUTCFullYear(); `${skus} x${count} ${JSON.stringify({ year })}`";
        const string FromEditor = "RING-18K+CHAIN-22 x3 {\"year\":2026}";
        const string FromEvent = "BANGLE-9+EARRING-3 x5 {\"year\":2026}";
        // Without the shipped workflows, so the sale below starts only the workflow built here.
        var noWorkflows = Directory.CreateTempSubdirectory("jewelhub-no-workflows-").FullName;
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?> { ["Workflows:Folder"] = noWorkflows });
        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");

        // Create workflow, then Start → Write line ← Event (sale.recorded, Trigger workflow ticked as the studio does).
        await studio.ClickUntilVisibleAsync("Create workflow", ".mud-dialog input");
        await studio.Page.Locator(".mud-dialog input").First.FillAsync("Modern script");
        await studio.Page.Locator(".mud-dialog button", new() { HasTextRegex = new Regex("^\\s*ok\\s*$", RegexOptions.IgnoreCase) }).Last.ClickAsync();
        await studio.Page.WaitForURLAsync(new Regex("workflows/definitions/[^/]+/edit"));
        var definitionId = studio.Page.Url.Split('/')[^2];
        await Assertions.Expect(studio.Canvas).ToBeVisibleAsync();
        var start = await studio.DropAsync("Flow", "Start", 120, 80);
        var trigger = await studio.DropAsync("Primitives", "Event", 120, 300);
        var write = await studio.DropAsync("Primitives", "Write line", 620, 200);
        await studio.ConnectAsync(start, write);
        await studio.ConnectAsync(trigger, write);
        await studio.Node(trigger).ClickAsync(new() { Force = true });
        await studio.FillInputAsync("Event name", "sale.recorded");

        // The Write line's Text becomes JavaScript, entered in the script editor.
        await studio.Node(write).ClickAsync(new() { Force = true });
        await studio.SelectSyntaxAsync("Text", "JavaScript");
        await studio.EnterScriptAsync(Script);
        await studio.WaitForDefinitionAsync(definitionId, "Latest", d =>
            Connected(d, start, write) && Connected(d, trigger, write) && Activity(d, trigger)?["eventName"]?["expression"]?["value"]?.GetValue<string>() == "sale.recorded"
            && Activity(d, write)?["text"]?["expression"] is { } text && text["type"]?.GetValue<string>() == "JavaScript" && text["value"]?.GetValue<string>() == Script);
        await studio.ScreenshotAsync("46-modern-script-built-in-the-studio");

        // Published and run from the editor: the viewer shows what the script computed.
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync(definitionId, "Published", d => d["isPublished"]!.GetValue<bool>());
        var fromEditor = await studio.RunAsync();
        var shownFromEditor = studio.Page.GetByText(FromEditor, new() { Exact = true }).First;
        await SelectUntilShownAsync(studio, write, shownFromEditor);
        await shownFromEditor.ScrollIntoViewIfNeededAsync();
        await studio.ScreenshotAsync("47-run-from-the-editor-shows-the-computed-value");

        // The event starts the next run at the Event; found in the Runs list, its viewer shows the value from the event's data.
        using (var posted = await hub.Client.PostAsJsonAsync("/api/events", new
        {
            specversion = "1.0",
            id = "scripted-1",
            source = "studio-test",
            type = "sale.recorded",
            subject = "SO-SCRIPTED-1",
            data = new
            {
                orderId = "SO-SCRIPTED-1",
                branch = "mumbai-1",
                placeOfSupply = "MH",
                lines = new object[] { new { sku = "BANGLE-9", quantity = 4 }, new { sku = "EARRING-3", quantity = 1 } },
                currency = "INR",
            },
        }, Ct))
        {
            posted.EnsureSuccessStatusCode();
        }

        var fromEvent = await FinishedRunOtherThanAsync(hub, definitionId, fromEditor);
        await studio.Page.Locator("#jh-bar a", new() { HasText = "Runs" }).ClickAsync();
        await studio.Page.GetByText(fromEvent).First.ClickAsync();
        await studio.Page.WaitForURLAsync(new Regex($"workflows/instances/{fromEvent}/view"));
        await Assertions.Expect(studio.Node(write)).ToBeVisibleAsync();
        var shownFromEvent = studio.Page.GetByText(FromEvent, new() { Exact = true }).First;
        await SelectUntilShownAsync(studio, write, shownFromEvent);
        await shownFromEvent.ScrollIntoViewIfNeededAsync();
        await studio.ScreenshotAsync("48-run-by-the-event-shows-the-computed-value");
    }

    /// <summary>
    /// Selects the activity in the viewer until its panel shows <paramref name="shown"/>: a click that lands while the
    /// viewer is still loading the instance leaves the workflow itself selected.
    /// </summary>
    private static async Task SelectUntilShownAsync(StudioPage studio, string node, ILocator shown)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); ;)
        {
            await studio.Node(node).ClickAsync(new() { Force = true });
            try
            {
                await Assertions.Expect(shown).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (clock.Elapsed.TotalMilliseconds < StudioPage.Timeout)
            {
            }
        }
    }

    /// <summary>Waits for a finished run of the definition other than <paramref name="known"/> and answers its id.</summary>
    private static async Task<string> FinishedRunOtherThanAsync(HubServer hub, string definitionId, string known)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed.TotalMilliseconds < StudioPage.Timeout; await Task.Delay(250, Ct))
        {
            using var response = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-instances", new { definitionIds = new[] { definitionId }, subStatuses = (List<string>)["Finished"] }, Ct);
            var list = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
            if (list!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).FirstOrDefault(id => id != known) is { } id)
            {
                return id;
            }
        }

        Assert.Fail($"No run of {definitionId} other than {known} finished.");
        return "";
    }

    private static JsonNode? Activity(JsonObject definition, string activityId) =>
        definition["root"]!["activities"]!.AsArray().FirstOrDefault(a => a!["id"]!.GetValue<string>() == activityId);

    private static bool Connected(JsonObject definition, string source, string target) =>
        definition["root"]!["connections"]!.AsArray().Any(c =>
            c!["source"]!["activity"]!.GetValue<string>() == source && c["target"]!["activity"]!.GetValue<string>() == target);

    private static async Task<bool> LoadedAsync(IEnumerable<Task<string>> answers, string value)
    {
        foreach (var answer in answers)
        {
            if ((await answer).Contains(value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
