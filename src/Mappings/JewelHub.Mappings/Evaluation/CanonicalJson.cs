using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JewelHub.Canonical.Values;

namespace JewelHub.Mappings.Evaluation;

/// <summary>
/// Writes mapped records as normalised JSON (keys sorted, values in one canonical text form) for golden tests and for
/// showing an operator what a row becomes.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The record as a JSON object with sorted keys.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, object?> record)
    {
        var json = new JsonObject();
        foreach (var (key, value) in record.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = Value(value);
        }

        return json;
    }

    /// <summary>A mapping result as JSON: the record, or {"errors": [{field, target, reason}]}.</summary>
    public static JsonNode ToJson(MapResult result) => result switch
    {
        MapResult.Mapped mapped => ToJson(mapped.Record),
        MapResult.Failed failed => new JsonObject
        {
            ["errors"] = new JsonArray(failed.Errors.Select(e => (JsonNode)new JsonObject
            {
                ["field"] = e.Field,
                ["target"] = e.Target,
                ["reason"] = e.Reason,
            }).ToArray()),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    /// <summary>One value as canonical text: dates ISO, weights and fineness as numbers, money as amount and currency.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Money money => $"{money.Amount.ToString(CultureInfo.InvariantCulture)} {money.Currency}",
        Grams grams => grams.Value.ToString("0.000", CultureInfo.InvariantCulture),
        GemCarat carats => carats.Value.ToString("0.000", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One mapped value as JSON.</summary>
    public static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        Fineness fineness => JsonValue.Create(fineness.PartsPerThousand),
        Grams grams => JsonValue.Create(grams.Value),
        GemCarat carats => JsonValue.Create(carats.Value),
        Money money => new JsonObject { ["amount"] = money.Amount, ["currency"] = money.Currency.Code },
        Metal metal => JsonValue.Create(metal.ToString().ToLowerInvariant()),
        IReadOnlyList<IReadOnlyDictionary<string, object?>> items => new JsonArray(items.Select(i => (JsonNode)ToJson(i)).ToArray()),
        _ => JsonValue.Create(Text(value)),
    };

    /// <summary>Serialises JSON compactly with stable formatting.</summary>
    public static string Write(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
