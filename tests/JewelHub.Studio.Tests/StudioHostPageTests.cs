using JewelHub.Storage;
using JewelHub.Testing;
using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests;

public sealed class StudioHostPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StudioPage_NoStoredKey_AsksForKey()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(hub.Address, "/studio/").ToString());

        await Assertions.Expect(page.Locator("#jh-login")).ToBeVisibleAsync();
        await StudioBrowser.ScreenshotAsync(page, "00-asks-for-key");
    }

    [Fact]
    public async Task StudioPage_WrongKey_ExplainsTheRefusal()
    {
        await using var hub = await HubServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(hub.Address, "/studio/").ToString());

        await page.FillAsync("#jh-key", "not-the-key");
        await page.ClickAsync("#jh-login-form button");

        await Assertions.Expect(page.Locator("#jh-problem")).ToContainTextAsync("HTTP 401");
        await StudioBrowser.ScreenshotAsync(page, "01-wrong-key-explained");
    }
}
