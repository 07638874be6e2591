using System.Text.Json;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>One operation of the hub's OpenAPI document: method, path template, parameters and request body.</summary>
internal sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    JsonElement? JsonBody,
    JsonElement? FormBody)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A path or query parameter with its schema.</summary>
internal sealed record ApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>Reads operations and resolves schemas ($ref, nullable unions) from an OpenAPI 3 document.</summary>
internal sealed class ApiDescription(JsonElement document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public IReadOnlyList<ApiOperation> Operations { get; } = Read(document);

    /// <summary>The schema itself, or the one it refers to.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    /// <summary>The JSON types the schema allows (e.g. "string", "null"), following $ref, oneOf and anyOf.</summary>
    public IReadOnlySet<string> Types(JsonElement schema)
    {
        schema = Resolve(schema);
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return types;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.Array)
            {
                types.UnionWith(type.EnumerateArray().Select(t => t.GetString()!));
            }
            else
            {
                types.Add(type.GetString()!);
            }
        }

        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            types.Add("null");
        }

        foreach (var union in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(union, out var members))
            {
                foreach (var member in members.EnumerateArray())
                {
                    types.UnionWith(Types(member));
                }
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            types.Add("object");
        }

        if (schema.TryGetProperty("enum", out var values) && types.Count == 0)
        {
            types.Add("string");
        }

        return types;
    }

    /// <summary>The non-null member of a nullable union (oneOf [null, X]), resolved; or the schema resolved.</summary>
    public JsonElement Concrete(JsonElement schema)
    {
        schema = Resolve(schema);
        foreach (var union in new[] { "oneOf", "anyOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(union, out var members))
            {
                foreach (var member in members.EnumerateArray())
                {
                    var resolved = Resolve(member);
                    if (!(Types(resolved) is { Count: 1 } only && only.Contains("null")))
                    {
                        return resolved;
                    }
                }
            }
        }

        return schema;
    }

    private static List<ApiOperation> Read(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = new List<ApiParameter>();
                if (operation.TryGetProperty("parameters", out var list))
                {
                    foreach (var parameter in list.EnumerateArray())
                    {
                        parameters.Add(new ApiParameter(
                            parameter.GetProperty("name").GetString()!,
                            parameter.GetProperty("in").GetString()!,
                            parameter.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
                            parameter.TryGetProperty("schema", out var schema) ? schema : default));
                    }
                }

                JsonElement? json = null;
                JsonElement? form = null;
                if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        if (media.Name.Contains("json", StringComparison.Ordinal))
                        {
                            json ??= media.Value.TryGetProperty("schema", out var schema) ? schema : default;
                        }
                        else if (media.Name == "multipart/form-data")
                        {
                            form = media.Value.TryGetProperty("schema", out var schema) ? schema : default;
                        }
                    }
                }

                operations.Add(new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, json, form));
            }
        }

        return operations;
    }
}
