namespace JewelHub.Hub.Hosting;

/// <summary>
/// 409 answers: the request was valid but conflicts with what the stores hold (not available, duplicate, already
/// paid). Same shape as a validation problem, so clients read the field names the same way.
/// </summary>
public static class ConflictProblem
{
    public const string DefaultTitle = "The request conflicts with the current state.";

    public static IResult For(string field, string message, string title = DefaultTitle) =>
        For(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, title);

    public static IResult For(IDictionary<string, string[]> errors, string title = DefaultTitle) =>
        Results.ValidationProblem(errors, statusCode: StatusCodes.Status409Conflict, title: title);
}
