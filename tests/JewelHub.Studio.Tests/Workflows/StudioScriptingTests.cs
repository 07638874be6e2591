using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
