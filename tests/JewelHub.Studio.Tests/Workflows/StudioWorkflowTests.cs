using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Studio.Tests.Contract;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests.Workflows;

/// <summary>
/// The genuine Elsa Studio in Debian Chromium against the running hub: list, editor, drag-and-drop with auto-save,
/// publish from the editor and the list, Run, instance list, viewer, and a workflow built in the studio that an
/// event then runs. Every step leaves a screenshot.
/// </summary>
public sealed class StudioWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Studio_ListEditDragPublishRunView_EveryStepReachesTheRuntime()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var seeded = ElsaDefinitionContractTests.Runnable(hub, "order-flow");
        seeded["model"]!["name"] = "Order flow";
        seeded["publish"] = true;
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", seeded, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        var names = await DefinitionNamesAsync(hub);
        Assert.Superset(new HashSet<string>(["Sale to bill", "Stock received", "Stock low alert", "Metal rate updated", "Order flow"]), names.ToHashSet());
        await using var browser = await StudioBrowser.LaunchAsync();

        // The list shows the shipped workflows and the seeded one.
        var studio = await StudioPage.OpenAsync(hub, browser, "");
        foreach (var name in names)
        {
            await Assertions.Expect(studio.Page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await studio.ScreenshotAsync("10-list-shows-workflows");

        // The editor draws every activity and connection.
        await studio.Page.GetByText("Order flow", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);
        await Assertions.Expect(studio.Page.Locator("g.x6-edge")).ToHaveCountAsync(4);
        await studio.ScreenshotAsync("11-editor-draws-the-flow");

        // Dropping an activity and wiring it auto-saves a new draft (v1 is published).
        var dropped = await studio.DropAsync("Primitives", "Write line", 320, 120);
        await studio.ConnectAsync("6bbaff1a9c97bff8", dropped);
        var draft = await studio.WaitForDefinitionAsync("order-flow", "Latest", d =>
            d["version"]!.GetValue<int>() == 2 && HasActivity(d, dropped) && HasConnection(d, "6bbaff1a9c97bff8", dropped));
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        await Assertions.Expect(studio.Page.Locator("g.x6-edge")).ToHaveCountAsync(5);
        await studio.ScreenshotAsync("12-dragged-and-connected-draft-saved");

        // Publish from the editor.
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync("order-flow", "Published", d => d["version"]!.GetValue<int>() == 2);
        await studio.ScreenshotAsync("13-published-from-editor");

        // Run: the studio navigates to the new instance's viewer.
        var instanceId = await studio.RunAsync();
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(7);
        await Assertions.Expect(studio.Page.GetByText(new System.Text.RegularExpressions.Regex("Start\\s*-\\s*Completed")).First).ToBeVisibleAsync();
        await studio.ScreenshotAsync("14-viewer-shows-journal");

        // Execution details of one activity.
        await studio.Node("WriteLine1").ClickAsync(new() { Force = true });
        await Assertions.Expect(studio.Page.GetByText("Workflow1:Flowchart1:WriteLine1").First).ToBeVisibleAsync();
        await Assertions.Expect(studio.Page.Locator(".mud-tab", new() { HasText = "Executions" }).First).ToContainTextAsync("1");
        await studio.ScreenshotAsync("15-viewer-execution-details");

        // The instance list shows the run.
        await studio.Page.Locator("#jh-bar a", new() { HasText = "Runs" }).ClickAsync();
        await Assertions.Expect(studio.Page.GetByText(instanceId).First).ToBeVisibleAsync();
        await studio.ScreenshotAsync("16-instance-list-shows-run");

        // ... and stays: the list's own address changes must not take the studio back to the viewer it came from.
        await studio.Page.WaitForTimeoutAsync(3000);
        await Assertions.Expect(studio.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/workflows/instances/?(\\?.*)?$"));
        await Assertions.Expect(studio.Page.Locator("#jh-view > elsa-workflow-instance-list")).ToHaveCountAsync(1);
        var instance = await hub.Client.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-instances/{instanceId}", Ct);
        Assert.Equal("Finished", instance!["subStatus"]!.GetValue<string>());
        Assert.Equal(2, instance["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_PublishFromRowMenu_PublishesTheLatestDraft()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var draft = ElsaDefinitionContractTests.Runnable(hub, "draft-flow");
        draft["model"]!["name"] = "Draft flow";
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", draft, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");
        var row = studio.Page.Locator("tr", new() { HasText = "Draft flow" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await studio.ScreenshotAsync("20-list-with-draft");

        await row.Locator("button").Last.ClickAsync();
        await studio.Page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item", new() { HasText = "Publish" }).First.ClickAsync();

        await studio.WaitForDefinitionAsync("draft-flow", "Published", d => d["version"]!.GetValue<int>() == 1);
        await studio.ScreenshotAsync("21-published-from-list");
    }

    [Fact]
    public async Task CreatedInStudio_EventPosted_RunsToTheEnd()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "");

        // Create workflow: name it, then the studio opens the editor of the new definition.
        await studio.ClickUntilVisibleAsync("Create workflow", ".mud-dialog input");
        await studio.Page.Locator(".mud-dialog input").First.FillAsync("Low stock alert");
        await studio.Page.Locator(".mud-dialog button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*ok\\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).Last.ClickAsync();
        await studio.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("workflows/definitions/[^/]+/edit"));
        var definitionId = studio.Page.Url.Split('/')[^2];
        await Assertions.Expect(studio.Canvas).ToBeVisibleAsync();
        await studio.ScreenshotAsync("30-created-empty-workflow");

        // An Event trigger on stock.low, then a Write line after it.
        var trigger = await studio.DropAsync("Primitives", "Event", 150, 150);
        await studio.Node(trigger).ClickAsync(new() { Force = true });
        await studio.FillInputAsync("Event name", "stock.low");
        var write = await studio.DropAsync("Primitives", "Write line", 700, 320);
        await studio.ConnectAsync(trigger, write);
        await studio.WaitForDefinitionAsync(definitionId, "Latest", d => HasConnection(d, trigger, write) && EventName(d, trigger) == "stock.low");
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync(definitionId, "Published", _ => true);
        await studio.ScreenshotAsync("31-event-trigger-published");

        using (var posted = await hub.Client.PostAsJsonAsync("/api/events", new
        {
            specversion = "1.0",
            id = "low-1",
            source = "studio-test",
            type = "stock.low",
            data = new { sku = "RING-18K-0042", branch = "MUM", category = "ring", available = 1, threshold = 2 },
        }, Ct))
        {
            posted.EnsureSuccessStatusCode();
        }

        JsonObject? list = null;
        for (var attempt = 0; attempt < 60 && list?["totalCount"]?.GetValue<int>() is not > 0; attempt++)
        {
            await studio.Page.WaitForTimeoutAsync(500);
            using var response = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-instances", new { definitionIds = new[] { definitionId }, subStatuses = (List<string>)["Finished"] }, Ct);
            list = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        }

        Assert.Equal(1, list!["totalCount"]!.GetValue<int>());
        await studio.Page.Locator("#jh-bar a", new() { HasText = "Runs" }).ClickAsync();
        await Assertions.Expect(studio.Page.GetByText(list["items"]![0]!["id"]!.GetValue<string>()).First).ToBeVisibleAsync();
        await studio.ScreenshotAsync("32-event-run-finished");
    }

    [Fact]
    public async Task Editor_DropJewelHubActivityAndConnect_AutoSavesDraftWithIt()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var seeded = ElsaDefinitionContractTests.Runnable(hub, "notify-flow");
        seeded["model"]!["name"] = "Notify flow";
        seeded["publish"] = true;
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", seeded, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "workflows/definitions/notify-flow/edit");
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);

        var dropped = await studio.DropAsync("Notifications", "Notify", 320, 120);
        await studio.ConnectAsync("6bbaff1a9c97bff8", dropped);

        var draft = await studio.WaitForDefinitionAsync("notify-flow", "Latest", d =>
            d["version"]!.GetValue<int>() == 2 && HasActivity(d, dropped) && HasConnection(d, "6bbaff1a9c97bff8", dropped));
        var activity = draft["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == dropped)!;
        Assert.Equal("JewelHub.Notify", activity["type"]!.GetValue<string>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        await studio.ScreenshotAsync("16-jewelhub-activity-dropped-draft-saved");
    }

    [Fact]
    public async Task Editor_ShippedSaleToBill_DrawsItsActivitiesAndConnections()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var response = await hub.Client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/sale-to-bill?versionOptions=Latest", Ct);
        response.EnsureSuccessStatusCode();
        var model = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        await using var browser = await StudioBrowser.LaunchAsync();

        var studio = await StudioPage.OpenAsync(hub, browser, "workflows/definitions/sale-to-bill/edit");

        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(model["root"]!["activities"]!.AsArray().Count);
        await Assertions.Expect(studio.Page.Locator("g.x6-edge")).ToHaveCountAsync(model["root"]!["connections"]!.AsArray().Count);
        await studio.ScreenshotAsync("17-editor-sale-to-bill");
    }

    [Fact]
    public async Task Editor_PublishEventReachedFromEarlierStepsWithTriggerTicked_ShowsTheWarningUntilUnticked()
    {
        const string Warning = "Event 'Payment1' both waits and starts new instances; untick Trigger workflow to make it a wait only";
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = PaymentAfterSteps(), publish = false }, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "workflows/definitions/pay-after-steps/edit");
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(3);
        var notice = studio.Page.Locator("#jh-notices .jh-notice");
        await studio.ScreenshotAsync("80-event-after-steps-ticked");

        // Published from the editor with Trigger workflow ticked: the page shows the hub's warning over the editor.
        await studio.PublishAsync();
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync(Warning);
        await Assertions.Expect(notice).ToContainTextAsync("\u201CPayment after steps\u201D is published, with a warning:");
        await studio.ScreenshotAsync("81-publish-shows-the-warning");

        // Unticked in the Event's Common tab (auto-saved as the next draft) and published again: no warning.
        await studio.Node("Payment1").ClickAsync(new() { Force = true });
        await studio.Page.Locator(".mud-tab", new() { HasText = "Common" }).First.ClickAsync();
        var trigger = studio.Page.Locator(".mud-checkbox", new() { HasText = "Trigger workflow" }).Locator("input").First;
        await Assertions.Expect(trigger).ToBeCheckedAsync();
        await trigger.ClickAsync();
        await studio.WaitForDefinitionAsync("pay-after-steps", "Latest", d => d["version"]!.GetValue<int>() == 2 && CanStartWorkflow(d, "Payment1") == false);
        await studio.ScreenshotAsync("82-trigger-unticked");
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync("pay-after-steps", "Published", d => d["version"]!.GetValue<int>() == 2);
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await studio.ScreenshotAsync("83-published-unticked-no-warning");

        // Ticked again and published: the warning is back, and Dismiss takes it away.
        await Assertions.Expect(trigger).Not.ToBeCheckedAsync();
        await trigger.ClickAsync();
        await studio.WaitForDefinitionAsync("pay-after-steps", "Latest", d => d["version"]!.GetValue<int>() == 3 && CanStartWorkflow(d, "Payment1") == true);
        await studio.PublishAsync();
        await Assertions.Expect(notice).ToContainTextAsync(Warning);
        await notice.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await studio.ScreenshotAsync("84-warning-dismissed");
    }

    [Fact]
    public async Task Editor_PublishWithVersionHistoryOpen_MarksTheNewVersionPublishedWithoutAReload()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var seeded = ElsaDefinitionContractTests.Runnable(hub, "history-flow");
        seeded["model"]!["name"] = "History flow";
        seeded["publish"] = true;
        using (var saved = await hub.Client.PostAsJsonAsync("/elsa/api/workflow-definitions", seeded, Ct))
        {
            saved.EnsureSuccessStatusCode();
        }

        await using var browser = await StudioBrowser.LaunchAsync();
        var studio = await StudioPage.OpenAsync(hub, browser, "workflows/definitions/history-flow/edit");
        await Assertions.Expect(studio.Page.Locator("g.x6-node")).ToHaveCountAsync(6);

        // A change auto-saves version 2 as a draft; the history lists it beside the published version 1.
        var dropped = await studio.DropAsync("Primitives", "Write line", 320, 120);
        await studio.WaitForDefinitionAsync("history-flow", "Latest", d => d["version"]!.GetValue<int>() == 2 && HasActivity(d, dropped));
        await studio.Page.Locator(".mud-tab", new() { HasText = "Version history" }).First.ClickAsync();
        await WaitForHistoryAsync(studio, "2:draft,1:published");
        await studio.ScreenshotAsync("85-history-before-publish");

        // Published from the editor: the open history shows version 2 published and version 1 not, at once.
        await studio.PublishAsync();
        await studio.WaitForDefinitionAsync("history-flow", "Published", d => d["version"]!.GetValue<int>() == 2);
        await WaitForHistoryAsync(studio, "2:published,1:draft");
        Assert.False(await studio.Page.IsVisibleAsync("#blazor-error-ui"), $"The studio failed; its last calls and errors:{Environment.NewLine}{studio.Traffic}");
        await studio.ScreenshotAsync("86-history-after-publish");
    }

    /// <summary>Waits until the version history table lists "version:published|draft" rows as given, top to bottom.</summary>
    private static async Task WaitForHistoryAsync(StudioPage studio, string expected)
    {
        const string Rows = """
            () => [...document.querySelectorAll('.mud-table-body tr')]
                .map(r => ({ version: [...r.cells].map(c => c.innerText.trim()).find(t => /^\d+$/.test(t)), published: !!r.querySelector('svg.mud-success-text') }))
                .filter(r => r.version)
                .map(r => r.version + ':' + (r.published ? 'published' : 'draft')).join(',')
            """;
        try
        {
            await studio.Page.WaitForFunctionAsync($"expected => ({Rows})() === expected", expected, new() { Timeout = 30_000 });
        }
        catch (TimeoutException exception)
        {
            var shown = await studio.Page.EvaluateAsync<string>(Rows);
            var tabs = await studio.Page.EvaluateAsync<string>("() => [...document.querySelectorAll('.mud-tab')].map(t => t.className + ' [' + t.textContent.trim() + ']').join('; ')");
            throw new TimeoutException($"The version history shows {shown}, not {expected}. Tabs: {tabs}. The studio's last calls:{Environment.NewLine}{studio.Traffic}", exception);
        }
    }

    /// <summary>Start1 → Write1 → Payment1, an Event on payment.captured with Trigger workflow ticked: earlier steps lead to a trigger.</summary>
    private static JsonObject PaymentAfterSteps() => JsonNode.Parse("""
        {
          "definitionId": "pay-after-steps", "name": "Payment after steps", "toolVersion": "3.8.2.0",
          "root": {
            "type": "Elsa.Flowchart", "version": 1, "id": "Flowchart1", "name": "Flowchart1",
            "activities": [
              { "id": "Start1", "name": "Start1", "type": "Elsa.Start", "version": 1,
                "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "Write1", "name": "Write1", "type": "Elsa.WriteLine", "version": 1,
                "text": { "typeName": "String", "expression": { "type": "Literal", "value": "Order received" } },
                "metadata": { "designer": { "position": { "x": 300, "y": 0 } } } },
              { "id": "Payment1", "name": "Payment1", "type": "Elsa.Event", "version": 1,
                "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "payment.captured" } },
                "customProperties": { "canStartWorkflow": true },
                "metadata": { "designer": { "position": { "x": 600, "y": 0 } } } }
            ],
            "connections": [
              { "source": { "activity": "Start1", "port": "Done" }, "target": { "activity": "Write1", "port": "In" } },
              { "source": { "activity": "Write1", "port": "Done" }, "target": { "activity": "Payment1", "port": "In" } }
            ]
          }
        }
        """)!.AsObject();

    private static bool? CanStartWorkflow(JsonObject definition, string activityId) =>
        definition["root"]!["activities"]!.AsArray().FirstOrDefault(a => a!["id"]!.GetValue<string>() == activityId)?["customProperties"]?["canStartWorkflow"]?.GetValue<bool>();

    private static async Task<IReadOnlyList<string>> DefinitionNamesAsync(HubServer hub)
    {
        var list = await hub.Client.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions?versionOptions=Latest&PageSize=10", Ct);
        return [.. list!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())];
    }

    private static bool HasActivity(JsonObject definition, string activityId) =>
        definition["root"]!["activities"]!.AsArray().Any(a => a!["id"]!.GetValue<string>() == activityId);

    private static bool HasConnection(JsonObject definition, string source, string target) =>
        definition["root"]!["connections"]!.AsArray().Any(c =>
            c!["source"]!["activity"]!.GetValue<string>() == source && c["target"]!["activity"]!.GetValue<string>() == target);

    private static string? EventName(JsonObject definition, string activityId) =>
        definition["root"]!["activities"]!.AsArray().FirstOrDefault(a => a!["id"]!.GetValue<string>() == activityId)?["eventName"]?["expression"]?["value"]?.GetValue<string>();
}
