namespace JewelHub.Hub.Hosting;

/// <summary>
/// Collects what is wrong with a request, field by field (JSON names, e.g. "lines[1].sku"), and turns it into an
/// RFC 7807 validation problem. Endpoints validate everything before they write anything.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Records a problem with a field.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Records that a required field is missing; returns whether it was present.</summary>
    public bool Required<T>(T? value, string field)
    {
        var present = value switch
        {
            null => false,
            string text => !string.IsNullOrWhiteSpace(text),
            _ => true,
        };
        if (!present)
        {
            Add(field, "is required");
        }

        return present;
    }

    /// <summary>Runs a parser of the value-type shape TryParse(value, out result, out error) and records its error.</summary>
    public T? Parse<T>(string? raw, string field, TryParser<T> parser) where T : struct
    {
        if (!Required(raw, field))
        {
            return null;
        }

        if (parser(raw, out var value, out var error))
        {
            return value;
        }

        Add(field, error!);
        return null;
    }

    /// <summary>The 400 answer listing every field problem.</summary>
    public IResult ToProblem(string title = "The request is not valid.") =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal),
            title: title);

    /// <summary>A one-field 400 answer.</summary>
    public static IResult One(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    public delegate bool TryParser<T>(string? raw, out T value, out string? error);
}
