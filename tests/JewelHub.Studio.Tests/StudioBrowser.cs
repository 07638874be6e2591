using Microsoft.Playwright;
using Xunit;

namespace JewelHub.Studio.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Screenshots go to
/// $JEWELHUB_ARTIFACTS/screenshots (default: TestResults/screenshots beside the test binaries).
/// </summary>
public sealed class StudioBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private StudioBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("JEWELHUB_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    public static async Task<StudioBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        // Playwright gives every launch a fresh, empty profile of its own.
        return new StudioBrowser(playwright, browser);
    }

    /// <summary>Saves a full-page screenshot named after the step.</summary>
    public static async Task ScreenshotAsync(IPage page, string step)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, step + ".png"), FullPage = true });

        // Blazor shows this bar when a component threw; the screenshot above is kept as the evidence.
        Assert.False(await page.IsVisibleAsync("#blazor-error-ui"), $"The studio showed \"An unhandled error has occurred\" at step {step}.");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
