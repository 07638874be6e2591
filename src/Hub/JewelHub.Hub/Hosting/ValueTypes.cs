using System.Text.RegularExpressions;

namespace JewelHub.Hub.Hosting;

/// <summary>
/// What a field of a .NET type accepts, said for people: "must be a number", "must be one of Gold, Silver, Platinum".
/// The framework's messages name .NET types (System.Nullable`1[…], Nullable&lt;int&gt;); these sentences replace them.
/// </summary>
internal static partial class ValueTypes
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["String"] = "must be a string",
        ["string"] = "must be a string",
        ["Boolean"] = "must be true or false",
        ["bool"] = "must be true or false",
        ["Int16"] = "must be a whole number from -32768 to 32767",
        ["short"] = "must be a whole number from -32768 to 32767",
        ["Int32"] = "must be a whole number from -2147483648 to 2147483647",
        ["int"] = "must be a whole number from -2147483648 to 2147483647",
        ["Int64"] = "must be a whole number",
        ["long"] = "must be a whole number",
        ["Decimal"] = "must be a number",
        ["decimal"] = "must be a number",
        ["Double"] = "must be a number",
        ["double"] = "must be a number",
        ["DateTimeOffset"] = "must be a date-time like 2026-04-01T10:00:00+05:30",
        ["DateTime"] = "must be a date-time like 2026-04-01T10:00:00+05:30",
        ["DateOnly"] = "must be a date like 2026-04-01",
        ["TimeSpan"] = "must be a duration like 00:30:00",
        ["Guid"] = "must be an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        ["JsonElement"] = "must be JSON",
    };

    /// <summary>The sentence for a value of the named type, e.g. "System.Nullable`1[JewelHub.Canonical.Values.Metal]".</summary>
    public static string MustBe(string typeName)
    {
        var name = Unwrap(typeName.Trim());
        if (Collection().IsMatch(name) || name.EndsWith("[]", StringComparison.Ordinal))
        {
            return "must be an array";
        }

        var simple = name[(name.LastIndexOf('.') + 1)..];
        if (Sentences.TryGetValue(simple, out var sentence))
        {
            return sentence;
        }

        return Find(name) is { IsEnum: true } type
            ? $"must be one of {string.Join(", ", Enum.GetNames(type))}"
            : "must be an object";
    }

    /// <summary>The sentence for a value of <paramref name="type"/>.</summary>
    public static string MustBe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"must be one of {string.Join(", ", Enum.GetNames(type))}";
        }

        if (Sentences.TryGetValue(type.Name, out var sentence))
        {
            return sentence;
        }

        return ElementType(type) is not null ? "must be an array" : "must be an object";
    }

    /// <summary>
    /// The type of the value at a JSON path such as "lines[0].quantity" inside a body of type <paramref name="root"/>,
    /// following JSON property names (camelCase or [JsonPropertyName]) and collection elements; null when not found.
    /// </summary>
    public static Type? At(Type root, string path)
    {
        Type? type = root;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment;
            var indexes = 0;
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = segment[..bracket];
                indexes = segment.Count(c => c == '[');
            }

            if (name.Length > 0)
            {
                type = Property(Nullable.GetUnderlyingType(type!) ?? type!, name);
            }

            for (var i = 0; i < indexes && type is not null; i++)
            {
                type = ElementType(type);
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    private static Type? Property(Type type, string jsonName)
    {
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var named = property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), true)
                .OfType<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name;
            if (string.Equals(named ?? property.Name, jsonName, StringComparison.OrdinalIgnoreCase))
            {
                return property.PropertyType;
            }
        }

        return null;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>A framework message with any .NET type names taken out.</summary>
    public static string Clean(string message) =>
        DotNetName().IsMatch(message) ? "is not valid here" : message;

    private static string Unwrap(string name)
    {
        foreach (var pattern in new[] { NullableGeneric(), NullableShort() })
        {
            if (pattern.Match(name) is { Success: true } inner)
            {
                return inner.Groups["inner"].Value;
            }
        }

        return name.TrimEnd('?');
    }

    private static Type? Find(string name) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name?.StartsWith("JewelHub", StringComparison.Ordinal) == true)
            .Select(assembly => assembly.GetType(name) ?? assembly.GetTypes().FirstOrDefault(t => t.Name == name))
            .FirstOrDefault(type => type is not null);

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableGeneric();

    [GeneratedRegex(@"^Nullable<(?<inner>.+)>$")]
    private static partial Regex NullableShort();

    [GeneratedRegex(@"(IReadOnlyList|IList|List|IEnumerable|ICollection|IReadOnlyCollection|ImmutableArray|HashSet)(`1|<)")]
    private static partial Regex Collection();

    [GeneratedRegex(@"System\.|JewelHub\.|Nullable|`1|<[A-Za-z]+>")]
    private static partial Regex DotNetName();
}
