using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Runtime;

namespace JewelHub.Workflows.Activities.Flow;

/// <summary>
/// Elsa.SendHttpRequest: calls another system. 2xx continues on Done, other answers on Failed; a 5xx or a network
/// failure throws and is retried. The answer is recorded under the step's effect key, so a replay does not call again.
/// </summary>
[Activity("Elsa", "HTTP", "Send an HTTP request.", DisplayName = "HTTP Request", Outcomes = ["Done", "Failed"], HasEffects = true, ReachesOutside = true)]
public sealed class SendHttpRequest(IHttpClientFactory httpClients, EffectStore effects) : IActivity
{
    [Input(Description = "The absolute URL to call.")] public Input<string> Url { get; init; } = Input.Required<string>();

    [Input(Description = "The HTTP method.", Options = ["GET", "POST", "PUT", "PATCH", "DELETE"])] public Input<string> Method { get; init; } = Input.Optional("GET");

    [Input(Description = "The request body, sent as JSON.", UIHint = "json-editor")] public Input<JsonNode?> Content { get; init; } = Input.Optional<JsonNode?>();

    [Output(Description = "The HTTP status code of the answer.")] public Output<int> StatusCode { get; init; } = new();

    [Output(Description = "The body of the answer (JSON when it parses, else text).")] public Output<JsonNode?> ParsedContent { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var answer = await effects.FindAsync(context.IdempotencyKey, cancellationToken) ?? await SendAsync(context, cancellationToken);
        var status = answer["status"]!.GetValue<int>();
        context.Set(StatusCode, status);
        context.Set(ParsedContent, answer["body"]?.DeepClone());
        return status is >= 200 and < 300 ? Outcome.Done : Outcome.Port("Failed", new { status });
    }

    private async Task<JsonNode> SendAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Get(Method) ?? "GET"), context.Get(Url));
        request.Headers.Add("Idempotency-Key", context.IdempotencyKey);
        if (context.Get(Content) is { } content)
        {
            request.Content = new StringContent(content.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await httpClients.CreateClient(nameof(SendHttpRequest)).SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"The server answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            body = JsonValue.Create(text);
        }

        var answer = new JsonObject { ["status"] = (int)response.StatusCode, ["body"] = body };
        await effects.RecordAsync(context.IdempotencyKey, answer, cancellationToken);
        return answer;
    }
}
