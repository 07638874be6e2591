using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Values;

namespace JewelHub.Canonical.Events;

/// <summary>
/// Reads the fields of one JSON object of event data, recording a <see cref="FieldError"/> for every field that is
/// missing, of the wrong kind or out of bounds. Field names are exact (camelCase, as docs/EVENTS.md writes them); a
/// JSON null counts as absent. Fields the reader is not asked about are left alone.
/// </summary>
internal sealed partial class DataFields(JsonElement json, string path, List<FieldError> errors, DateTimeOffset now)
{
    public string Path => path;

    public void Add(string name, string message) => errors.Add(new FieldError(Name(name), message));

    /// <summary>Free text of at most <paramref name="maxLength"/> characters, without control characters.</summary>
    public string? Text(string name, bool required, int maxLength = Bounds.MaxTextLength, bool allowBlank = false)
    {
        var value = String(name, required);
        if (value is null)
        {
            return null;
        }

        if (!allowBlank && string.IsNullOrWhiteSpace(value))
        {
            return Fail<string>(name, "must not be blank");
        }

        if (value.Length > maxLength)
        {
            return Fail<string>(name, $"must be at most {maxLength} characters");
        }

        return value.Any(char.IsControl) ? Fail<string>(name, "must not contain control characters") : value;
    }

    /// <summary>An id: 1 to 64 visible characters without spaces (a bill number may contain '/').</summary>
    public string? Id(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null
            : IdText().IsMatch(value) ? value
            : Fail<string>(name, $"must be 1 to {Bounds.MaxIdLength} visible characters without spaces");
    }

    /// <summary>An order id or a branch: 1 to 64 letters, digits or - _ . : (as the orders API takes them).</summary>
    public string? Code(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null
            : CodeText().IsMatch(value) ? value
            : Fail<string>(name, "must be 1 to 64 letters, digits or - _ . :");
    }

    /// <summary>A short lower-case name such as a method or a reason code.</summary>
    public string? Name(string name, bool required) => Text(name, required, Bounds.MaxNameLength);

    public string? Sku(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null
            : Values.Sku.TryParse(value, out var sku, out var error) ? sku.Value
            : Fail<string>(name, error);
    }

    public string? Currency(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null : CurrencyCodes.IsKnown(value) ? value : Fail<string>(name, CurrencyCodes.Expected);
    }

    public string? State(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null : GstState.IsKnown(value) ? value : Fail<string>(name, GstState.Expected);
    }

    public string? OneOf(string name, bool required, params string[] allowed)
    {
        var value = String(name, required);
        return value is null ? null
            : allowed.Contains(value, StringComparer.Ordinal) ? value
            : Fail<string>(name, "must be one of " + string.Join(", ", allowed.Select(option => $"\"{option}\"")));
    }

    public Metal? Metal(string name, bool required)
    {
        var value = String(name, required);
        if (value is null)
        {
            return null;
        }

        foreach (var metal in Enum.GetValues<Metal>())
        {
            if (metal.ToString().Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return metal;
            }
        }

        return FailValue<Metal>(name, "must be \"gold\", \"silver\" or \"platinum\"");
    }

    public Guid? Uuid(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null : Guid.TryParse(value, out var id) ? id : FailValue<Guid>(name, "must be a UUID");
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>, written as a JSON number.</summary>
    public int? Int(string name, bool required, int min, int max)
    {
        if (Field(name, required) is not { } field)
        {
            return null;
        }

        return field.ValueKind == JsonValueKind.Number && field.TryGetInt32(out var value) && value >= min && value <= max
            ? value
            : FailValue<int>(name, $"must be a whole number between {min} and {max}");
    }

    /// <summary>An amount of money in the major unit, a decimal string (a JSON number is read too), within the bounds.</summary>
    public decimal? Money(string name, bool required, decimal min, decimal max = Bounds.MaxAmount) =>
        Decimal(name, required, min, max, 2, "an amount");

    /// <summary>A metal rate per gram, a decimal string of at most four decimals, above zero.</summary>
    public decimal? Rate(string name, bool required) =>
        Decimal(name, required, 0.0001m, Bounds.MaxPricePerGram, 4, "a rate per gram");

    /// <summary>A weight in grams, a decimal string (a JSON number is read too), within the bounds.</summary>
    public decimal? Grams(string name, bool required, decimal min, decimal max = Bounds.MaxGrams) =>
        Decimal(name, required, min, max, 3, "a weight in grams");

    public bool? Bool(string name, bool required)
    {
        if (Field(name, required) is not { } field)
        {
            return null;
        }

        return field.ValueKind is JsonValueKind.True or JsonValueKind.False ? field.GetBoolean() : FailValue<bool>(name, "must be true or false");
    }

    /// <summary>
    /// An RFC 3339 timestamp with an offset. A business time (<paramref name="businessTime"/>) lies between
    /// <see cref="Bounds.EarliestDate"/> and the hub's clock plus <see cref="Bounds.FutureSlack"/>.
    /// </summary>
    public DateTimeOffset? Time(string name, bool required, bool businessTime = true)
    {
        var value = String(name, required);
        if (value is null)
        {
            return null;
        }

        if (!WithOffset().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return FailValue<DateTimeOffset>(name, "must be an RFC 3339 timestamp with an offset, e.g. 2026-04-02T10:30:00+05:30");
        }

        var latest = now + Bounds.FutureSlack;
        if (time < Bounds.EarliestDate || (businessTime && time > latest))
        {
            return FailValue<DateTimeOffset>(name, businessTime
                ? $"must lie between {Bounds.EarliestDate:yyyy-MM-dd} and {latest:yyyy-MM-dd}"
                : $"must not be before {Bounds.EarliestDate:yyyy-MM-dd}");
        }

        return time;
    }

    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    public DateOnly? Date(string name, bool required)
    {
        var value = String(name, required);
        return value is null ? null
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900
                ? date
                : FailValue<DateOnly>(name, "must be a date written yyyy-MM-dd, from 1900");
    }

    /// <summary>A nested object, or null (with its error recorded when required or not an object).</summary>
    public DataFields? Object(string name, bool required)
    {
        if (Field(name, required) is not { } field)
        {
            return null;
        }

        return field.ValueKind == JsonValueKind.Object
            ? new DataFields(field, Name(name), errors, now)
            : Fail<DataFields>(name, "must be an object");
    }

    /// <summary>The objects of an array of <paramref name="min"/> to <see cref="Bounds.MaxLines"/> entries; each entry that is not an object is named.</summary>
    public IReadOnlyList<DataFields> Objects(string name, bool required, int min = 1)
    {
        if (Field(name, required) is not { } field)
        {
            return [];
        }

        if (field.ValueKind != JsonValueKind.Array)
        {
            Add(name, "must be an array");
            return [];
        }

        var count = field.GetArrayLength();
        if (count < min || count > Bounds.MaxLines)
        {
            Add(name, $"must have between {min} and {Bounds.MaxLines} entries");
            return [];
        }

        var items = new List<DataFields>(count);
        var index = 0;
        foreach (var item in field.EnumerateArray())
        {
            var itemName = $"{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(new DataFields(item, Name(itemName), errors, now));
            }
            else
            {
                Add(itemName, "must be an object");
            }
        }

        return items;
    }

    /// <summary>Whether the field is present and not null.</summary>
    public bool Has(string name) => json.TryGetProperty(name, out var field) && field.ValueKind != JsonValueKind.Null;

    private decimal? Decimal(string name, bool required, decimal min, decimal max, int maxDecimals, string what)
    {
        if (Field(name, required) is not { } field)
        {
            return null;
        }

        var value = 0m;
        var read = field.ValueKind switch
        {
            JsonValueKind.String => decimal.TryParse(field.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value),
            JsonValueKind.Number => field.TryGetDecimal(out value),
            _ => false,
        };
        if (!read)
        {
            return FailValue<decimal>(name, $"must be {what} written as a decimal string, e.g. \"{(maxDecimals == 2 ? "45230.50" : "11.800")}\"");
        }

        if (value < min || value > max)
        {
            return FailValue<decimal>(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return decimal.Round(value, maxDecimals) == value ? value : FailValue<decimal>(name, $"must have at most {maxDecimals} decimals");
    }

    private string? String(string name, bool required)
    {
        if (Field(name, required) is not { } field)
        {
            return null;
        }

        return field.ValueKind == JsonValueKind.String ? field.GetString() : Fail<string>(name, "must be a string");
    }

    private JsonElement? Field(string name, bool required)
    {
        if (json.TryGetProperty(name, out var field) && field.ValueKind != JsonValueKind.Null)
        {
            return field;
        }

        if (required)
        {
            Add(name, "is required");
        }

        return null;
    }

    private T? Fail<T>(string name, string message) where T : class
    {
        Add(name, message);
        return null;
    }

    private T? FailValue<T>(string name, string message) where T : struct
    {
        Add(name, message);
        return null;
    }

    private string Name(string name) => $"{path}.{name}";

    [GeneratedRegex(@"^[\x21-\x7E]{1,64}$")]
    private static partial Regex IdText();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex CodeText();

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
