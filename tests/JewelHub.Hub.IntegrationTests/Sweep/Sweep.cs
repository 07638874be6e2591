using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using JewelHub.Testing;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>
/// Sends the sweep's requests with one client and checks each answer: no 5xx, a refusal is a problem naming a field
/// (or a field-less 404/409/…), no .NET type names, and a refused request changed no row count.
/// </summary>
internal sealed partial class Sweep(HubServer hub, StoreRows rows, int seed)
{
    private static readonly HashSet<int> FieldLess = [401, 403, 404, 405, 409, 413, 415];

    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, long> _counts = new Dictionary<string, long>();

    public int Sent { get; private set; }

    public IReadOnlyCollection<string> Failures => _failures.Values;

    public int Seed => seed;

    public async Task SendAsync(ApiOperation operation, BadRequest bad, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            request.Content.Headers.ContentType = bad.ContentType is null ? null : MediaTypeHeaderValue.Parse(bad.ContentType);
        }

        Sent++;
        using var response = await hub.Client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = Check(bad, response, status, body);
        if (problem is not null)
        {
            Fail(operation, bad, status, body, problem);
        }

        if (status >= 400)
        {
            var after = await rows.CountAsync(cancellationToken);
            if (StoreRows.Difference(_counts, after) is { Length: > 0 } written)
            {
                Fail(operation, bad, status, body, "a refused request wrote rows: " + written);
            }

            _counts = after;
        }
        else
        {
            await SettleAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the workflow trigger loop has read every event in the log (an accepted request may start workflows)
    /// and takes the row counts the next refusals are compared with.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var database = hub.Database.Database;
        var sql = """
            SELECT (SELECT COALESCE(MAX(seq), 0) FROM events)
                 - COALESCE((SELECT position FROM workflow_cursors WHERE name = 'workflow-triggers'), 0)
                 + (SELECT COUNT(*) FROM workflow_instances WHERE status = 'Running')
            """;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken)) <= 0)
                {
                    break;
                }
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Sweep seed {seed}: the workflow runtime did not catch up with the event log within 20 s.");
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }

        _counts = await rows.CountAsync(cancellationToken);
    }

    public void Fail(string key, string message) => _failures.TryAdd(key, message);

    public string Report(string provider) =>
        $"Sweep seed {seed} ({SweepSeed.EnvironmentVariable}={seed} repeats it) on {provider}: {_failures.Count} distinct failures in {Sent} requests:\n"
        + string.Join("\n", _failures.Values.Take(150));

    private static string? Check(BadRequest bad, HttpResponseMessage response, int status, string body)
    {
        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400)
        {
            return bad.Invalid ? "accepted input the document calls invalid" : null;
        }

        // Only refusals are checked for type names: workflow definitions name their activity types by design.
        if (DotNetName().IsMatch(body))
        {
            return "the answer names .NET types or internals";
        }

        // Kestrel refuses a NUL in the path before the hub sees the request, with an empty 400.
        if (FieldLess.Contains(status) || (status == 400 && body.Length == 0 && bad.Path.Contains("%00", StringComparison.Ordinal)))
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"a {status} that is not a problem (content type {response.Content.Headers.ContentType})";
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any()
            ? null
            : $"a {status} problem that names no field";
    }

    private void Fail(ApiOperation operation, BadRequest bad, int status, string body, string problem)
    {
        // One failure per operation, kind of input and problem: the same fault found by many inputs is one finding.
        var kind = Regex.Replace(bad.What, @"[=\s].*$", "");
        var key = $"{operation} {kind} {problem} {status}";
        var shown = body.Length > 400 ? body[..400] + "…" : body;
        _failures.TryAdd(key, $"- [seed {seed}] {operation}: {bad.Method} {Shorten(bad.Path)} [{bad.What}] body {Shorten(Encoding.UTF8.GetString(bad.Body ?? []))} → {status} {problem}: {shown}");
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + $"…({text.Length} chars)" : text;

    [GeneratedRegex(@"System\.[A-Z]|JewelHub\.[A-Z]|Nullable|`1|   at |\.cs:line")]
    private static partial Regex DotNetName();
}
