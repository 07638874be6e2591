using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace JewelHub.Bench.Workflows;

/// <summary>
/// Counts the hub's database round trips while it lives, by the commands and batches Npgsql traces (a COMMIT sent on its
/// own is not traced). Set JEWELHUB_BENCH_ROUND_TRIPS=1 to print them per flow with the first statement of each;
/// tracing costs CPU, so flows/s of such a run are not comparable.
/// </summary>
internal sealed partial class RoundTripCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public RoundTripCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = Whitespace().Replace(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName, " ");
                _counts.AddOrUpdate(text.Length > 140 ? text[..140] : text, 1, (_, count) => count + 1);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Print(long flows)
    {
        _listener.Dispose();
        var perFlow = Math.Max(1, flows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database round trips per flow: {_counts.Values.Sum() / (double)perFlow:F1}"));
        foreach (var (text, count) in _counts.OrderByDescending(pair => pair.Value).Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count / (double)perFlow,6:F2}  {text}"));
        }
    }

    public void Dispose() => _listener.Dispose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
