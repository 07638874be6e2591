using System.Diagnostics;
using System.Globalization;

namespace JewelHub.Bench.Events;

/// <summary>
/// One run of wrk with <c>events.lua</c> against <c>POST /api/events</c>: what wrk measured, and every event id it
/// wrote and every answer it read, for the check against the database.
/// </summary>
public sealed class WrkRun
{
    private const string Wrk = "/usr/bin/wrk";

    /// <summary>The run's label, part of every event id it posts (adj-&lt;label&gt;-&lt;thread&gt;-&lt;n&gt;).</summary>
    public required string Label { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Answers wrk read, of any status.</summary>
    public required long Responses { get; init; }

    /// <summary>Connect, read, write and timeout errors.</summary>
    public required long SocketErrors { get; init; }

    /// <summary>Latency in milliseconds by percentile (50, 90, 99, 99.9; 100 is the maximum).</summary>
    public required IReadOnlyDictionary<double, double> LatencyMs { get; init; }

    /// <summary>Every event id wrk wrote a request for.</summary>
    public required IReadOnlySet<string> Written { get; init; }

    /// <summary>Every answer wrk read: its status and the event id the hub echoed ("?" when the answer had none).</summary>
    public required IReadOnlyList<(int Status, string Id)> Answers { get; init; }

    public double RequestsPerSecond => Responses / Duration.TotalSeconds;

    /// <summary>Runs wrk with two threads (one per core of the bench machine) and reads the results the script wrote.</summary>
    public static async Task<WrkRun> RunAsync(Uri events, string adminKey, string label, int connections, int seconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "events.lua");
        var results = Path.Combine(Path.GetTempPath(), $"jewelhub-bench-events-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo(Wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "10s",
            "-s", script, events.ToString(), "--", adminKey, label, results,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(results))
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        try
        {
            return Parse(label, await File.ReadAllLinesAsync(results, cancellationToken));
        }
        finally
        {
            File.Delete(results);
        }
    }

    private static WrkRun Parse(string label, string[] lines)
    {
        long durationUs = 0, responses = 0, socketErrors = 0;
        var latency = new Dictionary<double, double>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var answers = new List<(int, string)>();
        foreach (var fields in lines.Select(line => line.Split(' ')))
        {
            switch (fields[0])
            {
                case "duration_us": durationUs = Number(fields[1]); break;
                case "responses": responses = Number(fields[1]); break;
                case "socket_errors": socketErrors = Number(fields[1]); break;
                case "latency_us": latency[double.Parse(fields[1], CultureInfo.InvariantCulture)] = Number(fields[2]) / 1000.0; break;
                case "written":
                    for (var n = 1L; n <= Number(fields[2]); n++)
                    {
                        written.Add(fields[1] + n.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case "answer": answers.Add(((int)Number(fields[1]), fields[2])); break;
                default: throw new InvalidOperationException($"Unexpected line in wrk's results: {string.Join(' ', fields)}");
            }
        }

        return answers.Count == responses
            ? new WrkRun
            {
                Label = label,
                Duration = TimeSpan.FromMicroseconds(durationUs),
                Responses = responses,
                SocketErrors = socketErrors,
                LatencyMs = latency,
                Written = written,
                Answers = answers,
            }
            : throw new InvalidOperationException($"wrk counted {responses} answers but the script saw {answers.Count}.");
    }

    private static long Number(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
