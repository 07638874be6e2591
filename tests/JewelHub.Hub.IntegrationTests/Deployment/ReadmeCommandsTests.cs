using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using JewelHub.Hub.IntegrationTests.Architecture;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Deployment;

/// <summary>
/// The README promises two commands. The test command is what CI runs (this very run); the run command is taken
/// from the README and started on a fresh clone of the repository, where it must bring the hub up on SQLite.
/// </summary>
public sealed partial class ReadmeCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Readme_TestCommand_IsWhatCiRuns()
    {
        var root = DependencyRulesTests.RepositoryRoot();
        var commands = Commands(File.ReadAllText(Path.Combine(root, "README.md")));
        var ci = File.ReadAllText(Path.Combine(root, ".ci", "run"));

        Assert.Equal("./test.sh", commands["Test"]);
        Assert.Contains("exec ./test.sh", ci, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readme_RunCommandOnCleanClone_HubBecomesReadyOnSqlite()
    {
        var root = DependencyRulesTests.RepositoryRoot();
        var run = Commands(File.ReadAllText(Path.Combine(root, "README.md")))["Run"];
        var clone = Path.Combine(Path.GetTempPath(), "jewelhub-clone-" + Guid.NewGuid().ToString("N"));
        await ExecAsync("git", ["clone", "--quiet", "--no-hardlinks", root, clone], root);
        // The bundle is large; the clean clone reuses the copy already installed here instead of downloading it again.
        var studio = Path.Combine(root, "src", "Hub", "JewelHub.Hub", "Studio", "node_modules");
        if (Directory.Exists(studio))
        {
            await ExecAsync("cp", ["-r", studio, Path.Combine(clone, "src", "Hub", "JewelHub.Hub", "Studio")], root);
        }

        var port = FreePort();
        var parts = run.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { WorkingDirectory = clone, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in parts[1..].Concat(["--", "--Urls", $"http://127.0.0.1:{port}"]))
        {
            start.ArgumentList.Add(part);
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var hub = Process.Start(start)!;
        hub.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        hub.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        hub.BeginOutputReadLine();
        hub.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = await WaitReadyAsync(client, hub);

            Assert.True(ready, "the hub did not answer /health/ready within 10 minutes:\n" + string.Join('\n', output.TakeLast(40)));
            Assert.True(File.Exists(Path.Combine(clone, "src", "Hub", "JewelHub.Hub", "data", "jewelhub.db")));
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(clone, recursive: true);
        }
    }

    private static async Task<bool> WaitReadyAsync(HttpClient client, Process hub)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10) && !hub.HasExited)
        {
            try
            {
                var answer = await client.GetAsync("/health/ready", Ct);
                if (answer.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the clone is still building.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, Ct);
        }

        return false;
    }

    /// <summary>The first command of the fenced block under each "## Run" / "## Test" heading.</summary>
    private static Dictionary<string, string> Commands(string readme) =>
        Section().Matches(readme).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["command"].Value.Trim());

    private static async Task ExecAsync(string file, string[] arguments, string folder)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^## (?<name>Run|Test)\s*$.*?^```bash\s*$\s*(?<command>[^\n]+)$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Section();
}
