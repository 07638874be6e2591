using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests.Workflows;

/// <summary>Drives the genuine studio in Chromium the way an admin does: drag from the toolbox, wire ports, press buttons.</summary>
internal sealed class StudioPage(HubServer hub, IPage page)
{
    /// <summary>Blazor WebAssembly needs seconds on first load, more on this shared machine.</summary>
    public const float Timeout = 90_000;

    public IPage Page => page;

    public static async Task<StudioPage> OpenAsync(HubServer hub, StudioBrowser browser, string path)
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);
        await page.AddInitScriptAsync($"localStorage.setItem('jewelhub.apiKey', '{HubServer.AdminKey}')");
        await page.GotoAsync(new Uri(hub.Address, "/studio/" + path).ToString());
        return new StudioPage(hub, page);
    }

    public ILocator Canvas => page.Locator(".x6-graph-svg").First;

    /// <summary>
    /// Clicks the button with <paramref name="buttonText"/> until <paramref name="appearsSelector"/> shows. On a loaded machine the list can draw
    /// its buttons before Blazor has wired their handlers, and a click in that moment does nothing, as it would for a
    /// person, who clicks again.
    /// </summary>
    public async Task ClickUntilVisibleAsync(string buttonText, string appearsSelector)
    {
        var button = page.Locator("button", new() { HasText = buttonText }).First;
        var appears = page.Locator(appearsSelector).First;
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await appears.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    public ILocator Node(string activityId) => page.Locator($"g.x6-node[data-cell-id=\"{activityId}\"]");

    public async Task<IReadOnlyList<string>> NodeIdsAsync() =>
        await page.Locator("g.x6-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-cell-id'))");

    /// <summary>Drags a toolbox item onto the canvas and answers the new node's activity id.</summary>
    public async Task<string> DropAsync(string category, string displayName, float x, float y)
    {
        var before = await NodeIdsAsync();
        var header = page.Locator(".mud-expand-panel-header", new() { HasText = category });
        var item = page.Locator("div[draggable=true]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{displayName}\\s*$") }).First;
        if (!await item.IsVisibleAsync())
        {
            await header.ClickAsync();
        }

        await item.DragToAsync(Canvas, new() { TargetPosition = new TargetPosition { X = x, Y = y } });
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(before.Count + 1);
        return (await NodeIdsAsync()).Except(before).Single();
    }

    /// <summary>Wires the source activity's out port to the target's in port, with nothing selected.</summary>
    public async Task ConnectAsync(string sourceId, string targetId, string port = "Done")
    {
        await Canvas.ClickAsync(new() { Position = new Position { X = 40, Y = 440 } });
        var source = await Node(sourceId).Locator($"g.x6-port-body[port-group=\"out\"][port=\"{port}\"]").First.BoundingBoxAsync();
        var target = await Node(targetId).Locator("g.x6-port-body[port-group=\"in\"]").First.BoundingBoxAsync();
        Assert.NotNull(source);
        Assert.NotNull(target);
        await page.Mouse.MoveAsync(source.X + (source.Width / 2), source.Y + (source.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((source.X + target.X) / 2, (source.Y + target.Y) / 2, new() { Steps = 10 });
        await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    /// <summary>The editor's cloud button ("Publish workflow").</summary>
    public Task PublishAsync() => page.Locator("button.mud-icon-button[class*=\"mud-primary\"]").First.ClickAsync();

    /// <summary>The editor's play button.</summary>
    public Task RunAsync() => page.Locator("button.mud-icon-button[class*=\"mud-success\"]").First.ClickAsync();

    /// <summary>Fills an activity input in the Input tab by its label.</summary>
    public async Task FillInputAsync(string label, string value)
    {
        var field = page.Locator(".mud-input-control", new() { Has = page.Locator("label", new() { HasText = label }) }).Locator("input").First;
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>Asks /elsa/api until <paramref name="condition"/> holds for the definition (the studio saves in the background).</summary>
    public async Task<JsonObject> WaitForDefinitionAsync(string definitionId, string versionOptions, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var response = await hub.Client.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions={versionOptions}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
                if (last is not null && condition(last))
                {
                    return last;
                }
            }

            await page.WaitForTimeoutAsync(500);
        }

        Assert.Fail($"Definition {definitionId} ({versionOptions}) never reached the expected state; last: {last?.ToJsonString()}");
        return last!;
    }

    public Task ScreenshotAsync(string step) => StudioBrowser.ScreenshotAsync(page, step);
}
