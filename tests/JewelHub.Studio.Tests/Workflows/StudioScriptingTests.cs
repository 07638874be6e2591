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
}
