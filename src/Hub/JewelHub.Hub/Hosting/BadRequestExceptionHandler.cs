using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace JewelHub.Hub.Hosting;

/// <summary>
/// Turns a request body the JSON reader could not read into a 400 problem naming the field (the JSON path where
/// reading stopped), instead of an empty 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var field = badRequest.InnerException is JsonException { Path: { Length: > 0 } path } ? JsonField(path) : "body";
        var message = badRequest.InnerException is JsonException json
            ? $"is not valid JSON here: {FirstSentence(json.Message)}"
            : badRequest.Message;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        await TypedResults.ValidationProblem(errors, title: "The request body could not be read.").ExecuteAsync(httpContext);
        return true;
    }

    private static string JsonField(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
