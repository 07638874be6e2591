namespace JewelHub.Hub.Api.Finance;

/// <summary>409 answers that name the field in conflict, in the same shape as a validation problem.</summary>
internal static class Conflicts
{
    public static IResult Of(string field, string message) => Of(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static IResult Of(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The request conflicts with the current state.",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors });
}
