using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>
/// A request the sweep sends. <paramref name="Invalid"/>: the input breaks the OpenAPI document (wrong JSON type, a
/// declared bound crossed, malformed JSON), so the hub must refuse it; otherwise it only must not fail or leak.
/// </summary>
internal sealed record BadRequest(string Method, string Path, byte[]? Body, string? ContentType, string What, bool Invalid);

/// <summary>
/// Generates invalid and extreme inputs for an operation from its schemas. Seeded: the same seed gives the same requests.
/// </summary>
internal sealed class BadInputs(ApiDescription api, Random random)
{
    /// <summary>Written into JSON as a lone UTF-16 surrogate escape, which System.Text.Json will not write itself.</summary>
    private const string LoneSurrogate = "@@lone-surrogate@@";

    private static readonly string[] OddStrings =
    [
        new('x', 100_000), "\u0000", "a\u0000b", LoneSurrogate, "\u202Egnp.exe", "💍👩🏽‍🦰", "a/b", "..", "../../etc/passwd",
        "a%2Fb", " ", "", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "=cmd|' /C calc'!A0", "'; DROP TABLE x; --",
        "\t\r\n", "ﷺ", "NaN",
    ];

    private static readonly string[] HugeNumbers =
        ["1e30", "99999999999999999.99", "2147483648", "-2147483649", "9223372036854775808", "-1", "0", "1e-30", "0.001", "1.5", "-0"];

    private static readonly string[] PathIds =
    [
        "no-such-id", "..", "%2E%2E", "a%2Fb", "a%2F..%2F..%2Fb", "%00", "a%00b", "%E2%80%AE", "%F0%9F%92%8D", new('x', 1_000), "-1",
        "2147483648", "00000000-0000-0000-0000-000000000000", "%20", "a%5Cb", "a/b", "a/./b", "x/..%2F..%2Fhub.db", "%25",
    ];

    private static readonly string[] QueryValues =
        ["abc", "", "-1", "0", "2147483648", "-2147483649", "1.5", " 1", "1e30", "99999999999999999.99", "%00", new('x', 5_000), "..", "true",
         "%E2%80%AE", "💍", "[]", "{}"];

    private static readonly (string Name, object Value)[] WrongTypes =
        [("string", "abc"), ("integer", 7), ("number", 12.5m), ("boolean", true), ("object", new JsonObject()), ("array", new JsonArray())];

    /// <summary>Path parameters replaced one at a time by fake, traversing and odd ids.</summary>
    public IEnumerable<BadRequest> PathCases(ApiOperation operation, Func<ApiOperation, string, string> real, string? body)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            foreach (var id in Pick(PathIds, 6))
            {
                var path = Fill(operation, name => name == parameter.Name ? id : Uri.EscapeDataString(real(operation, name)));
                yield return Json(operation.Method, path, body, $"path {parameter.Name}={Shorten(id)}", invalid: false);
            }
        }
    }

    /// <summary>Query parameters of the wrong type or out of range, one at a time.</summary>
    public IEnumerable<BadRequest> QueryCases(ApiOperation operation, string path)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var schema = api.Concrete(parameter.Schema);
            foreach (var value in Pick(QueryValues, 5))
            {
                var decoded = Uri.UnescapeDataString(value);
                var invalid = decoded.Length > 0 && !FitsQuery(schema, decoded);
                yield return new BadRequest(operation.Method, $"{path}?{parameter.Name}={Uri.EscapeDataString(decoded)}", null, null,
                    $"query {parameter.Name}={Shorten(decoded)}", invalid);
            }
        }
    }

    /// <summary>The baseline body with one field wrong typed, missing, null, out of bounds or extreme.</summary>
    public IEnumerable<BadRequest> BodyCases(ApiOperation operation, string path, JsonNode baseline)
    {
        foreach (var (field, node, invalid) in Mutations(operation.JsonBody!.Value, baseline, ""))
        {
            yield return Json(operation.Method, path, node, field, invalid);
        }

        if (baseline is JsonObject obj && obj.Count > 0)
        {
            var first = obj.First().Key;
            yield return Json(operation.Method, path, Replace(obj, "unknownField", JsonValue.Create(1)), "an unknown property", invalid: false);
            var text = obj.ToJsonString();
            yield return Json(operation.Method, path, $"{{\"{first}\":null,{text[1..]}", $"{first} twice", invalid: false);
            var deep = new string('[', 60) + new string(']', 60);
            yield return Json(operation.Method, path, Replace(obj, first, JsonNode.Parse(deep)), $"{first}=nested arrays", invalid: false);
        }
    }

    /// <summary>Bodies the JSON reader cannot read, JSON of the wrong shape, and the wrong content types.</summary>
    public static IEnumerable<BadRequest> MalformedCases(ApiOperation operation, string path, string baseline)
    {
        var m = operation.Method;
        var hasBody = operation.JsonBody is not null;
        yield return Json(m, path, baseline[..(baseline.Length / 2)], "truncated JSON", invalid: hasBody);
        yield return Json(m, path, baseline + "}{\"x\":1", "trailing garbage", invalid: hasBody);
        yield return Json(m, path, new string('[', 10_000) + new string(']', 10_000), "deeply nested arrays", invalid: hasBody);
        yield return Json(m, path, string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), "deeply nested objects", invalid: hasBody);
        yield return Json(m, path, "{\"a\":\"\\ud800\"", "truncated after a lone surrogate", invalid: hasBody);
        yield return Json(m, path, "", "empty body", invalid: false);
        yield return Json(m, path, "[]", "an array for the body", invalid: hasBody);
        yield return Json(m, path, "\"text\"", "a string for the body", invalid: hasBody);
        yield return Json(m, path, "1e30", "a number for the body", invalid: hasBody);
        yield return Json(m, path, "{'single':'quotes'}", "single-quoted JSON", invalid: hasBody);
        yield return new BadRequest(m, path, [0xFF, 0xFE, 0x7B, 0x7D], "application/json", "invalid UTF-8", Invalid: hasBody);
        yield return new BadRequest(m, path, Encoding.UTF8.GetBytes(baseline), "text/plain", "text/plain content type", Invalid: hasBody);
        yield return new BadRequest(m, path, Encoding.UTF8.GetBytes("<order/>"), "application/xml", "XML body", Invalid: hasBody);
        yield return new BadRequest(m, path, Encoding.UTF8.GetBytes("a=b&c=d"), "application/x-www-form-urlencoded", "form body", Invalid: hasBody);
        yield return new BadRequest(m, path, Encoding.UTF8.GetBytes(baseline), null, "no content type", Invalid: hasBody);
    }

    /// <summary>Multipart bodies that are cut off, use another boundary or lack the file part.</summary>
    public static IEnumerable<BadRequest> MultipartCases(ApiOperation operation, string path, IReadOnlyDictionary<string, string> fields)
    {
        var m = operation.Method;
        var whole = Multipart("sweep-boundary", fields, withFile: true);
        yield return Form(m, path, whole[..(whole.Length / 2)], "sweep-boundary", "truncated multipart");
        yield return Form(m, path, whole, "other-boundary", "wrong boundary");
        yield return Form(m, path, Multipart("sweep-boundary", fields, withFile: false), "sweep-boundary", "missing file part");
        yield return Form(m, path, whole.Replace("\r\n", "\n", StringComparison.Ordinal), "sweep-boundary", "bare LF line ends");
        yield return Form(m, path, "--sweep-boundary\r\nContent-Disposition: form-data\r\n\r\nx\r\n--sweep-boundary--\r\n", "sweep-boundary", "part without a name");
        yield return new BadRequest(m, path, Encoding.UTF8.GetBytes(whole), "multipart/form-data", "multipart without boundary", Invalid: true);
        yield return Form(m, path, "--sweep-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n" + new string('H', 40_000) + ": y\r\n\r\nx\r\n--sweep-boundary--\r\n", "sweep-boundary", "huge part header");
    }

    /// <summary>A body built from the schema alone: strings "sweep", numbers 1, first enum value, nested objects.</summary>
    public JsonNode? Synthesize(JsonElement schema, int depth = 0)
    {
        var concrete = api.Concrete(schema);
        var types = api.Types(concrete);
        if (concrete.ValueKind == JsonValueKind.Object && concrete.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values.EnumerateArray().First(v => v.ValueKind != JsonValueKind.Null).GetRawText());
        }

        if (types.Contains("object") && depth < 5)
        {
            var result = new JsonObject();
            if (concrete.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    result[property.Name] = Synthesize(property.Value, depth + 1);
                }
            }

            return result;
        }

        if (types.Contains("array"))
        {
            return concrete.TryGetProperty("items", out var items) && depth < 5 ? new JsonArray(Synthesize(items, depth + 1)) : new JsonArray();
        }

        var format = concrete.ValueKind == JsonValueKind.Object && concrete.TryGetProperty("format", out var f) ? f.GetString() : null;
        return types switch
        {
            _ when types.Contains("string") => format switch
            {
                "date-time" => "2026-04-01T10:00:00+05:30",
                "date" => "2026-04-01",
                "uuid" => "00000000-0000-0000-0000-000000000001",
                _ => "sweep",
            },
            _ when types.Contains("integer") || types.Contains("number") => 1,
            _ when types.Contains("boolean") => false,
            _ => null,
        };
    }

    private IEnumerable<(string Field, JsonNode Body, bool Invalid)> Mutations(JsonElement schema, JsonNode baseline, string prefix)
    {
        var concrete = api.Concrete(schema);
        if (baseline is not JsonObject obj || concrete.ValueKind != JsonValueKind.Object || !concrete.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        var required = concrete.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject())
        {
            var field = prefix + property.Name;
            var types = api.Types(property.Value);
            var fieldSchema = api.Concrete(property.Value);

            yield return (field + " missing", Replace(obj, property.Name, null, remove: true), required.Contains(property.Name) && !types.Contains("null"));
            yield return (field + " null", Replace(obj, property.Name, null), types.Count > 0 && !types.Contains("null"));
            foreach (var (type, value) in WrongTypes)
            {
                if (types.Count > 0 && !Allows(types, type) && random.Next(2) == 0)
                {
                    yield return ($"{field} as {type}", Replace(obj, property.Name, JsonSerializer.SerializeToNode(value)), true);
                }
            }

            foreach (var (what, value, invalid) in Extremes(fieldSchema, types))
            {
                yield return ($"{field}={what}", Replace(obj, property.Name, value), invalid);
            }

            var child = obj[property.Name];
            if (child is JsonObject)
            {
                foreach (var (inner, body, invalid) in Mutations(property.Value, child, field + "."))
                {
                    yield return (inner, Replace(obj, property.Name, body), invalid);
                }
            }
            else if (child is JsonArray { Count: > 0 } array && fieldSchema.TryGetProperty("items", out var items))
            {
                foreach (var (inner, body, invalid) in Mutations(items, array[0]!, field + "[0]."))
                {
                    var copy = (JsonArray)array.DeepClone();
                    copy[0] = body;
                    yield return (inner, Replace(obj, property.Name, copy), invalid);
                }

                var many = new JsonArray([.. Enumerable.Range(0, 1_000).Select(_ => array[0]!.DeepClone())]);
                yield return (field + " ×1000", Replace(obj, property.Name, many), false);
                yield return (field + " empty", Replace(obj, property.Name, new JsonArray()), false);
            }
        }
    }

    private IEnumerable<(string What, JsonNode? Value, bool Invalid)> Extremes(JsonElement schema, IReadOnlySet<string> types)
    {
        if (types.Contains("integer") || types.Contains("number"))
        {
            var candidates = Pick(HugeNumbers, 4).ToList();
            foreach (var bound in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            {
                if (schema.TryGetProperty(bound, out var b) && b.ValueKind == JsonValueKind.Number)
                {
                    var step = types.Contains("integer") ? 1m : 0.01m;
                    candidates.Add((b.GetDecimal() - step).ToString(CultureInfo.InvariantCulture));
                    candidates.Add((b.GetDecimal() + step).ToString(CultureInfo.InvariantCulture));
                }
            }

            foreach (var number in candidates.Distinct(StringComparer.Ordinal))
            {
                yield return (number, JsonNode.Parse(number), !FitsNumber(schema, types, number));
            }
        }

        if (types.Contains("string"))
        {
            var candidates = Pick(OddStrings, 4).ToList();
            if (schema.TryGetProperty("maxLength", out var max))
            {
                candidates.Add(new string('7', max.GetInt32()));
                candidates.Add(new string('7', max.GetInt32() + 1));
            }

            foreach (var text in candidates)
            {
                yield return (Shorten(text), JsonValue.Create(text), !FitsString(schema, text));
            }
        }
    }

    private static bool Allows(IReadOnlySet<string> types, string type) =>
        types.Contains(type) || (type == "integer" && types.Contains("number"));

    private static bool FitsNumber(JsonElement schema, IReadOnlySet<string> types, string text)
    {
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        if (!types.Contains("number") && value != Math.Floor(value))
        {
            return false;
        }

        if (!types.Contains("number") && schema.TryGetProperty("format", out var format) && format.GetString() == "int32"
            && (value > int.MaxValue || value < int.MinValue))
        {
            return false;
        }

        return !(schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
            && !(schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
            && !(schema.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.Number && value <= xmin.GetDouble())
            && !(schema.TryGetProperty("exclusiveMaximum", out var xmax) && xmax.ValueKind == JsonValueKind.Number && value >= xmax.GetDouble());
    }

    private static bool FitsString(JsonElement schema, string text)
    {
        if (text == LoneSurrogate)
        {
            text = "\ud800";
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            return false;
        }

        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            return false;
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return false;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == text))
        {
            return false;
        }

        return !(schema.TryGetProperty("format", out var format) && format.GetString() switch
        {
            "date-time" => !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || !text.Contains('T'),
            "date" => !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "uuid" => !Guid.TryParse(text, out _),
            _ => false,
        });
    }

    private bool FitsQuery(JsonElement schema, string value)
    {
        var types = api.Types(schema);
        if (types.Contains("integer") || types.Contains("number"))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && FitsNumber(schema, types, value)
                && (types.Contains("number") || long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        }

        if (types.Contains("boolean"))
        {
            return bool.TryParse(value, out _);
        }

        return schema.ValueKind != JsonValueKind.Object || FitsString(schema, value);
    }

    private IEnumerable<string> Pick(string[] values, int count) => values.OrderBy(_ => random.Next()).Take(count);

    private static JsonObject Replace(JsonObject obj, string name, JsonNode? value, bool remove = false)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (remove)
        {
            copy.Remove(name);
        }
        else
        {
            copy[name] = value;
        }

        return copy;
    }

    private static string Fill(ApiOperation operation, Func<string, string> value) =>
        Regex.Replace(operation.Path, @"\{\*{0,2}([^}:]+)[^}]*\}", match => value(match.Groups[1].Value));

    /// <summary>The path with every parameter given a real value.</summary>
    public static string RealPath(ApiOperation operation, Func<ApiOperation, string, string> real) =>
        Fill(operation, name => Uri.EscapeDataString(real(operation, name)));

    private static BadRequest Json(string method, string path, JsonNode body, string what, bool invalid) =>
        Json(method, path, body.ToJsonString(), what, invalid);

    private static BadRequest Json(string method, string path, string? body, string what, bool invalid) =>
        new(method, path, body is null ? null : Encoding.UTF8.GetBytes(body.Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal)),
            body is null ? null : "application/json", what, invalid);

    private static BadRequest Form(string method, string path, string body, string boundary, string what) =>
        new(method, path, Encoding.UTF8.GetBytes(body), $"multipart/form-data; boundary={boundary}", what, Invalid: true);

    private static string Multipart(string boundary, IReadOnlyDictionary<string, string> fields, bool withFile)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        if (withFile)
        {
            text.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\nid,name\r\n1,Asha\r\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n").ToString();
    }

    public static string Shorten(string text) =>
        (text.Length > 40 ? $"{text[..20]}…({text.Length} chars)" : text).Replace("\u0000", "\\0", StringComparison.Ordinal);
}
