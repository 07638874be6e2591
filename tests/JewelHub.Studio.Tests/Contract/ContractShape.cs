using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace JewelHub.Studio.Tests.Contract;

/// <summary>
/// Compares an answer of the hub with a response the genuine studio accepted (Contract/Examples): every field of the
/// example must be there, with the same JSON kind when both are set. Arrays compare each item with the example's first.
/// </summary>
internal static class ContractShape
{
    /// <summary>Dictionaries whose keys depend on the activity or workflow: only their kind is compared.</summary>
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        "activityState", "payload", "outputs", "properties", "metadata", "customProperties", "input", "output",
    };

    public static string ExamplesFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Contract", "Examples");

    public static JsonNode Example(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(ExamplesFolder, file)))!;

    public static void Matches(JsonNode expected, JsonNode? actual, string path = "$")
    {
        Assert.True(actual is not null, $"{path} is null, the studio expects {expected.GetValueKind()}");
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in expectedObject)
                {
                    Assert.True(actualObject.ContainsKey(name), $"{path}.{name} is missing");
                    if (value is not null && actualObject[name] is not null && FreeForm.Contains(name))
                    {
                        Assert.True(value.GetValueKind() == actualObject[name]!.GetValueKind(), $"{path}.{name} is {actualObject[name]!.GetValueKind()}");
                    }
                    else if (value is not null && actualObject[name] is not null)
                    {
                        Matches(value, actualObject[name], $"{path}.{name}");
                    }
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                if (expectedArray.Count > 0 && expectedArray[0] is { } template)
                {
                    for (var i = 0; i < actualArray.Count; i++)
                    {
                        Matches(template, actualArray[i], $"{path}[{i}]");
                    }
                }

                break;
            default:
                Assert.True(Kind(expected) == Kind(actual!), $"{path} is {actual!.GetValueKind()}, the studio expects {expected.GetValueKind()}");
                break;
        }
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
        var kind => kind,
    };
}
