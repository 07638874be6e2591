using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests.Workflows;

/// <summary>Drives the genuine studio in Chromium the way an admin does: drag from the toolbox, wire ports, press buttons.</summary>
internal sealed partial class StudioPage
{
    /// <summary>Blazor WebAssembly needs seconds on first load, more on this shared machine.</summary>
    public const float Timeout = 90_000;

    private const int TrafficKept = 60;

    private readonly HubServer _hub;
    private readonly IPage _page;
    private readonly Stopwatch _opened = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _traffic = new();

    private StudioPage(HubServer hub, IPage page)
    {
        _hub = hub;
        _page = page;

        // What the studio asked the hub and what it got back, with the browser's errors: a wait that times out shows
        // whether a click reached the studio, whether its call reached the hub, and how the hub answered.
        page.Request += (_, request) => RecordCall(request, "->", "");
        page.Response += (_, response) => RecordCall(response.Request, $"<- {response.Status}", ElsaHeaders(response));
        page.RequestFailed += (_, request) => RecordCall(request, "failed", request.Failure ?? "");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public IPage Page => _page;

    /// <summary>The studio's last calls to /elsa/api (sent, answered, failed) and browser errors, oldest first.</summary>
    public string Traffic => _traffic.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _traffic);

    public static async Task<StudioPage> OpenAsync(HubServer hub, StudioBrowser browser, string path)
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);
        await page.AddInitScriptAsync($"localStorage.setItem('jewelhub.apiKey', '{HubServer.AdminKey}')");
        var studio = new StudioPage(hub, page);
        await page.GotoAsync(new Uri(hub.Address, "/studio/" + path).ToString());
        return studio;
    }

    public ILocator Canvas => _page.Locator(".x6-graph-svg").First;

    /// <summary>
    /// Clicks the button with <paramref name="buttonText"/> until <paramref name="appearsSelector"/> shows. On a loaded machine the list can draw
    /// its buttons before Blazor has wired their handlers, and a click in that moment does nothing, as it would for a
    /// person, who clicks again.
    /// </summary>
    public async Task ClickUntilVisibleAsync(string buttonText, string appearsSelector)
    {
        var button = _page.Locator("button", new() { HasText = buttonText }).First;
        var appears = _page.Locator(appearsSelector).First;
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

    public ILocator Node(string activityId) => _page.Locator($"g.x6-node[data-cell-id=\"{activityId}\"]");

    public async Task<IReadOnlyList<string>> NodeIdsAsync() =>
        await _page.Locator("g.x6-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-cell-id'))");

    /// <summary>Drags a toolbox item onto the canvas and answers the new node's activity id.</summary>
    public async Task<string> DropAsync(string category, string displayName, float x, float y)
    {
        var before = await NodeIdsAsync();
        var header = _page.Locator(".mud-expand-panel-header", new() { HasText = category });
        var item = _page.Locator("div[draggable=true]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{displayName}\\s*$") }).First;
        if (!await item.IsVisibleAsync())
        {
            await header.ClickAsync();
        }

        await item.DragToAsync(Canvas, new() { TargetPosition = new TargetPosition { X = x, Y = y } });
        await Assertions.Expect(_page.Locator("g.x6-node")).ToHaveCountAsync(before.Count + 1);
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
        await _page.Mouse.MoveAsync(source.X + (source.Width / 2), source.Y + (source.Height / 2));
        await _page.Mouse.DownAsync();
        await _page.Mouse.MoveAsync((source.X + target.X) / 2, (source.Y + target.Y) / 2, new() { Steps = 10 });
        await _page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
        await _page.Mouse.UpAsync();
    }

    /// <summary>The editor's cloud button ("Publish workflow").</summary>
    public Task PublishAsync() => _page.Locator("button.mud-icon-button[class*=\"mud-primary\"]").First.ClickAsync();

    /// <summary>
    /// Presses the editor's play button and waits for the studio to open the new instance's viewer (it does so once the
    /// hub answers execute with the instance id); answers that id. When the viewer does not open, the failure lists the
    /// studio's last calls, so it tells a click that never reached the studio from a call the hub did not answer.
    /// </summary>
    public async Task<string> RunAsync()
    {
        await _page.Locator("button.mud-icon-button[class*=\"mud-success\"]").First.ClickAsync();
        try
        {
            await _page.WaitForURLAsync(ViewerPath());
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"The studio did not open the instance viewer within {Timeout / 1000} s of pressing Run; it is at {_page.Url}. Its last calls and errors:{Environment.NewLine}{Traffic}",
                exception);
        }

        return _page.Url.Split('/')[^2];
    }

    /// <summary>Fills an activity input in the Input tab by its label.</summary>
    public async Task FillInputAsync(string label, string value)
    {
        var field = _page.Locator(".mud-input-control", new() { Has = _page.Locator("label", new() { HasText = label }) }).Locator("input").First;
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>
    /// Switches the activity input labelled <paramref name="label"/> to another syntax through its menu (the button beside
    /// the input), e.g. "JavaScript", which turns the input into a Monaco editor.
    /// </summary>
    public async Task SelectSyntaxAsync(string label, string syntax)
    {
        var input = _page.Locator("div.flex-1", new() { Has = _page.Locator("label", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(label)}\\s*$") }) }).First;
        await input.Locator("xpath=..").Locator("div.flex-none button").First.ClickAsync();
        await _page.Locator(".mud-popover-open .studio-expression-input-menu-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(syntax)}\\s*$") }).First.ClickAsync();
    }

    /// <summary>
    /// Replaces the text of the activity's script editor (Monaco) with <paramref name="script"/>, entered as one piece as
    /// a paste would (typed key by key, Monaco would add closing brackets and accept completions).
    /// </summary>
    public async Task EnterScriptAsync(string script)
    {
        var editor = _page.Locator(".studio-expression-input-monaco-editor .monaco-editor, .monaco-editor").First;
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await editor.ClickAsync();
        await _page.Keyboard.PressAsync("Control+A");
        await _page.Keyboard.InsertTextAsync(script);
    }

    /// <summary>Asks /elsa/api until <paramref name="condition"/> holds for the definition (the studio saves in the background).</summary>
    public async Task<JsonObject> WaitForDefinitionAsync(string definitionId, string versionOptions, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var response = await _hub.Client.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions={versionOptions}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
                if (last is not null && condition(last))
                {
                    return last;
                }
            }

            await _page.WaitForTimeoutAsync(500);
        }

        Assert.Fail($"Definition {definitionId} ({versionOptions}) never reached the expected state; last: {last?.ToJsonString()}{Environment.NewLine}The studio's last calls and errors:{Environment.NewLine}{Traffic}");
        return last!;
    }

    public Task ScreenshotAsync(string step) => StudioBrowser.ScreenshotAsync(_page, step);

    private static string ElsaHeaders(IResponse response) =>
        string.Join(' ', response.Headers.Where(h => h.Key.StartsWith("x-elsa-", StringComparison.OrdinalIgnoreCase)).Select(h => $"{h.Key}={h.Value}"));

    [GeneratedRegex("workflows/instances/[^/]+/view")]
    private static partial Regex ViewerPath();

    private void RecordCall(IRequest request, string what, string detail)
    {
        var url = new Uri(request.Url);
        if (url.AbsolutePath.StartsWith("/elsa/api/", StringComparison.Ordinal))
        {
            Record($"{what} {request.Method} {url.PathAndQuery} {detail}".TrimEnd());
        }
    }

    private void Record(string line)
    {
        _traffic.Enqueue($"{_opened.Elapsed.TotalSeconds,7:F2}s {line}");
        while (_traffic.Count > TrafficKept && _traffic.TryDequeue(out _))
        {
        }
    }
}

/// <summary>Helpers for pages that start signed out (no stored key), as a person opening the studio the first time.</summary>
internal sealed partial class StudioPage
{
    /// <summary>Opens <paramref name="path"/> under /studio/ with nothing stored in the browser: the host page asks to sign in.</summary>
    public static async Task<StudioPage> OpenSignedOutAsync(HubServer hub, StudioBrowser browser, string path, BrowserNewPageOptions? options = null)
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        options ??= new BrowserNewPageOptions();
        options.ViewportSize ??= new ViewportSize { Width = 1600, Height = 1000 };
        var page = await browser.Browser.NewPageAsync(options);
        page.SetDefaultTimeout(Timeout);
        var studio = new StudioPage(hub, page);
        await page.GotoAsync(new Uri(hub.Address, "/studio/" + path).ToString());
        return studio;
    }

    public ILocator SignIn => _page.Locator("#jh-login");

    /// <summary>Signs in through the host page's form with the admin key; the page reloads the address it is on.</summary>
    public async Task SignInAsync()
    {
        await Assertions.Expect(SignIn).ToBeVisibleAsync();
        await _page.FillAsync("#jh-key", HubServer.AdminKey);
        await _page.ClickAsync("#jh-login-form button");
        await Assertions.Expect(SignIn).ToBeHiddenAsync();
    }

    /// <summary>The bearer token the sign-in stored, or null.</summary>
    public Task<string?> StoredTokenAsync() => _page.EvaluateAsync<string?>("() => localStorage.getItem('jewelhub.token')");

    /// <summary>Opens the row menu (the last button of the row) of the definition named <paramref name="name"/> and clicks <paramref name="item"/>.</summary>
    public async Task ClickRowMenuAsync(string name, string item)
    {
        var row = _page.Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("button").Last.ClickAsync();
        await _page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item", new() { HasText = item }).First.ClickAsync();
    }
}
