using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace JewelHub.Hub.Hosting;

/// <summary>
/// Turns a request the framework could not read into a problem naming the field as the client sent it: the JSON path
/// where the body reader stopped (e.g. "lines[1].quantity") or the query-string or route parameter, with a sentence
/// saying what is allowed. Keeps the framework's status (400, 413 for a body over the limit, 415 for another content type).
/// </summary>
internal sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var bodyType = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var (field, message, title) = Describe(badRequest, bodyType);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
        await Results.ValidationProblem(errors, title: title, statusCode: badRequest.StatusCode).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The field, the sentence and the title for a request the framework refused.</summary>
    internal static (string Field, string Message, string Title) Describe(BadHttpRequestException badRequest, Type? bodyType)
    {
        const string BodyTitle = "The request body could not be read.";
        if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "is larger than the hub accepts", "The request body is too large.");
        }

        if (badRequest.InnerException is JsonException json)
        {
            var field = JsonField(json.Path);
            var target = bodyType is null ? null : ValueTypes.At(bodyType, field == "body" ? "" : field);
            return (field, JsonMessage(json, target), BodyTitle);
        }

        if (BindFailure().Match(badRequest.Message) is { Success: true } bind)
        {
            return (bind.Groups["name"].Value, ValueTypes.MustBe(bind.Groups["type"].Value), "The request is not valid.");
        }

        if (MissingParameter().Match(badRequest.Message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            return (source == "body" ? "body" : missing.Groups["name"].Value, "is required", "The request is not valid.");
        }

        if (badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("body", "must be sent as application/json", "The request body is not JSON.");
        }

        if (NoBody().IsMatch(badRequest.Message))
        {
            return ("body", "is required (a JSON object)", BodyTitle);
        }

        return ("body", ValueTypes.Clean(badRequest.Message), BodyTitle);
    }

    private static string JsonField(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path is { Length: > 1 } && path.StartsWith("$[", StringComparison.Ordinal) ? "body" + path[1..]
        : "body";

    private static string JsonMessage(JsonException json, Type? target)
    {
        if (json.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            // The reader names the type it was building, which for a record's constructor parameter is the record;
            // the type at the path is what the client must send.
            return target is not null ? ValueTypes.MustBe(target)
                : ConvertedTo().Match(json.Message) is { Success: true } named ? ValueTypes.MustBe(named.Groups["type"].Value)
                : "is not valid here";
        }

        if (json.Message.StartsWith("must ", StringComparison.Ordinal))
        {
            return json.Message;
        }

        if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "is nested too deeply";
        }

        return "is not valid JSON here: " + ValueTypes.Clean(FirstSentence(json.Message));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? message[..(end + 1)] : message;
        var path = sentence.IndexOf(" Path:", StringComparison.Ordinal);
        return path > 0 ? sentence[..path] : sentence;
    }

    [GeneratedRegex("could not be converted to (?<type>.+?)\\. Path:")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from")]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<source>[a-z]+)")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("no body was provided|request body was empty", RegexOptions.IgnoreCase)]
    private static partial Regex NoBody();
}
