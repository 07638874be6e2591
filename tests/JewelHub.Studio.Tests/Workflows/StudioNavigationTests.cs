using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JewelHub.Storage;
using JewelHub.Studio.Tests.Contract;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests.Workflows;

/// <summary>
/// The host page owns every route the studio builds and every refused call it makes: links written from the site root
/// open the matching studio view, an expired sign-in brings back the sign-in and then the same view, and Export from the
/// row menu downloads the workflow file.
/// </summary>
public sealed class StudioNavigationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Viewer_DefinitionIdLink_OpensThatDefinitionInTheEditor()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        await SeedPublishedAsync(hub, "order-flow", "Order flow");
        var instanceId = await ExecuteAsync(hub, "order-flow");
        await using var browser = await StudioBrowser.LaunchAsync();

        var studio = await StudioPage.OpenAsync(hub, browser, $"workflows/instances/{instanceId}/view");
        var link = studio.Page.Locator("a", new() { HasTextRegex = new Regex("^\\s*order-flow\\s*$") }).First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Equal("/workflows/definitions/order-flow/edit", await link.GetAttributeAsync("href"));
        await studio.ScreenshotAsync("40-viewer-shows-definition-link");

        await link.ClickAsync();

        await Assertions.Expect(studio.Page).ToHaveURLAsync(new Regex("/studio/workflows/definitions/order-flow/edit$"));
        await Assertions.Expect(studio.Page.Locator("#jh-view > elsa-workflow-definition-editor")).ToHaveAttributeAsync("definition-id", "order-flow");
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);
        await studio.ScreenshotAsync("41-definition-link-opens-editor");
    }

    [Fact]
    public async Task RootLinks_OpenedDirectly_RedirectToTheStudioView()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = hub.Address };

        using var edit = await anonymous.GetAsync("/workflows/definitions/sale-to-bill/edit", Ct);
        using var view = await anonymous.GetAsync("/workflows/instances/run%201/view?tab=journal", Ct);
        using var logs = await anonymous.GetAsync("/diagnostics/structured-logs?workflowInstanceId=run%201", Ct);
        using var allLogs = await anonymous.GetAsync("/diagnostics/structured-logs", Ct);

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal("/studio/workflows/definitions/sale-to-bill/edit", edit.Headers.Location?.OriginalString);
        Assert.Equal("/studio/workflows/instances/run%201/view?tab=journal", view.Headers.Location?.OriginalString);
        Assert.Equal("/studio/workflows/instances/run%201/view", logs.Headers.Location?.OriginalString);
        Assert.Equal("/studio/workflows/instances", allLogs.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ExpiredToken_NextAction_ShowsSignInThenTheSameView()
    {
        // The shortest lifetime the hub allows: long enough for the studio to load on a busy machine.
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:01:00" });
        await SeedPublishedAsync(hub, "order-flow", "Order flow");
        await using var browser = await StudioBrowser.LaunchAsync();

        // Signing in exchanges the key for a bearer token and opens the address asked for.
        var studio = await StudioPage.OpenSignedOutAsync(hub, browser, "workflows/definitions/order-flow/edit");
        await studio.ScreenshotAsync("50-sign-in-asked");
        await studio.SignInAsync();
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);
        var first = await studio.StoredTokenAsync();
        Assert.False(string.IsNullOrEmpty(first), "No token stored.");
        await Assertions.Expect(studio.SignIn).ToBeHiddenAsync();
        await studio.ScreenshotAsync("51-editor-with-bearer-token");

        // The token runs out while the editor is open.
        await WaitUntilRefusedAsync(hub, first);

        // The next action (a drop, which auto-saves) is refused: the sign-in comes back, naming why.
        await studio.Page.Locator(".mud-expand-panel-header", new() { HasText = "Primitives" }).ClickAsync();
        await studio.Page.Locator("div[draggable=true]", new() { HasTextRegex = new Regex("^\\s*Write line\\s*$") }).First
            .DragToAsync(studio.Canvas, new() { TargetPosition = new TargetPosition { X = 320, Y = 120 } });
        await Assertions.Expect(studio.SignIn).ToBeVisibleAsync();
        await Assertions.Expect(studio.Page.Locator("#jh-problem")).ToContainTextAsync("HTTP 401");
        await Assertions.Expect(studio.Page).ToHaveURLAsync(new Regex("/studio/workflows/definitions/order-flow/edit"));
        await studio.ScreenshotAsync("52-expired-token-asks-to-sign-in");

        // Signing in again comes back to the same editor with a fresh token.
        await studio.SignInAsync();
        await Assertions.Expect(studio.Page).ToHaveURLAsync(new Regex("/studio/workflows/definitions/order-flow/edit"));
        await Assertions.Expect(studio.Page.Locator("#jh-view > elsa-workflow-definition-editor")).ToHaveAttributeAsync("definition-id", "order-flow");
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);
        var second = await studio.StoredTokenAsync();
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        await studio.ScreenshotAsync("53-signed-in-again-same-view");
    }

    [Fact]
    public async Task List_ExportFromRowMenu_DownloadsTheWorkflowFileThatImportsBackUnchanged()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var shipped = await DefinitionAsync(hub, "sale-to-bill", "Latest");
        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");
        await studio.ScreenshotAsync("60-list-before-export");

        await studio.ClickRowMenuAsync("Sale to bill", "Export");
        var dialog = studio.Page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await studio.ScreenshotAsync("61-export-dialog");
        var download = await studio.Page.RunAndWaitForDownloadAsync(() =>
            dialog.Locator("button", new() { HasTextRegex = new Regex("^\\s*Export\\s*$") }).ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Ct);
        await studio.ScreenshotAsync("62-exported");

        // The file is what workflows/ holds for it, less the identity of one version (id, version, isPublished).
        Assert.Equal("sale-to-bill.json", download.SuggestedFilename);
        var file = JsonNode.Parse(text)!.AsObject();
        var shippedFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "workflows", "sale-to-bill.json"), Ct))!.AsObject();
        foreach (var versionField in (List<string>)["id", "version", "isPublished"])
        {
            shippedFile.Remove(versionField);
        }

        Assert.True(JsonNode.DeepEquals(shippedFile, file), $"The exported file differs from workflows/sale-to-bill.json:{Environment.NewLine}{text}");

        // Imported back, it is the next version with the same flow.
        using (var imported = await hub.Client.PostAsync("/elsa/api/workflow-definitions/import", new StringContent(text, System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            imported.EnsureSuccessStatusCode();
        }

        var latest = await DefinitionAsync(hub, "sale-to-bill", "Latest");
        Assert.Equal(shipped["version"]!.GetValue<int>() + 1, latest["version"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(shipped["root"], latest["root"]), "The imported flow differs from the exported one.");
        Assert.Equal(shipped["name"]!.GetValue<string>(), latest["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(shipped["variables"], latest["variables"]));
        using var again = await hub.Client.GetAsync("/elsa/api/workflow-definitions/sale-to-bill/export?versionOptions=Latest", Ct);
        Assert.Equal(text, await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Editor_ShippedSaleToBill_OpensWithEveryActivityInsideTheCanvas()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var activities = (await DefinitionAsync(hub, "sale-to-bill", "Latest"))["root"]!["activities"]!.AsArray().Count;
        await using var browser = await StudioBrowser.LaunchAsync();

        var studio = await StudioPage.OpenAsync(hub, browser, "workflows/definitions/sale-to-bill/edit");

        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(activities);
        await studio.Page.WaitForFunctionAsync(
            """
            () => {
                // What of the canvas shows: its box cut by every ancestor that clips (the panel below overlaps it).
                const graph = document.querySelector('.x6-graph');
                const seen = graph.getBoundingClientRect();
                let [left, top, right, bottom] = [seen.left, seen.top, seen.right, seen.bottom];
                for (let e = graph.parentElement; e; e = e.parentElement) {
                    if (getComputedStyle(e).overflow === 'visible') continue;
                    const r = e.getBoundingClientRect();
                    [left, top, right, bottom] = [Math.max(left, r.left), Math.max(top, r.top), Math.min(right, r.right), Math.min(bottom, r.bottom)];
                }
                // Each activity's box (its first rect; port labels may stick out).
                return [...document.querySelectorAll('g.x6-node > rect:first-of-type')].every(body => {
                    const r = body.getBoundingClientRect();
                    return r.left >= left && r.right <= right && r.top >= top && r.bottom <= bottom;
                });
            }
            """,
            null,
            new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("70-sale-to-bill-fits-the-canvas");
    }

    private static async Task SeedPublishedAsync(HubServer hub, string definitionId, string name)
    {
        var seeded = ElsaDefinitionContractTests.Runnable(hub, definitionId);
        seeded["model"]!["name"] = name;
        seeded["publish"] = true;
        using var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", seeded, Ct);
        saved.EnsureSuccessStatusCode();
    }

    private static async Task<string> ExecuteAsync(HubServer hub, string definitionId)
    {
        using var response = await hub.Client.PostAsJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", new { versionOptions = "Published" }, Ct);
        response.EnsureSuccessStatusCode();
        return Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
    }

    private static async Task<JsonObject> DefinitionAsync(HubServer hub, string definitionId, string versionOptions) =>
        (await hub.Client.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions={versionOptions}", Ct))!;

    /// <summary>Asks the hub with the token until it answers 401: the token's lifetime is over.</summary>
    private static async Task WaitUntilRefusedAsync(HubServer hub, string? token)
    {
        using var bearer = hub.CreateClient(new AuthenticationHeaderValue("Bearer", token));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var answer = await bearer.GetAsync("/elsa/api/features/installed", Ct);
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "The token was still accepted after two minutes.");
            await Task.Delay(500, Ct);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JewelHub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("JewelHub.sln not found above " + AppContext.BaseDirectory);
    }
}
