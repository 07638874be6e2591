using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JewelHub.Testing;

/// <summary>The built hub (jewelhub.dll) running as a child process on a loopback port, which a test can SIGKILL and start again.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private Process? _process;

    public HubProcess(string dll, IReadOnlyDictionary<string, string?> settings)
    {
        _dll = dll;
        _settings = settings;
        Port = FreePort();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(20) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", HubServer.AdminKey);
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>How many times the hub was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the hub and waits until it answers /health/live.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { _dll, "--environment", "Testing", "--urls", $"http://127.0.0.1:{Port}" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The hub process did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var live = await Client.GetAsync("/health/live", cancellationToken);
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException("The hub did not answer /health/live within 90 s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILLs the hub: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
