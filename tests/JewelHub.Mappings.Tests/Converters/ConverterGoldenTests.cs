using System.Text;
using System.Text.Json.Nodes;
using JewelHub.Mappings.Converters;
using JewelHub.Mappings.Definitions;
using JewelHub.Mappings.Evaluation;
using Xunit;

namespace JewelHub.Mappings.Tests.Converters;

/// <summary>Golden cases for every converter: Fixtures/Converters/converters.golden.json lists step, input and output or error.</summary>
public sealed class ConverterGoldenTests
{
    private static readonly JsonObject Golden = (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Converters", "converters.golden.json")))!;

    public static TheoryData<string> ConverterIds => new(ConverterRegistry.Default.Ids.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ConverterIds))]
    public void Convert_GoldenCases_MatchExpected(string converterId)
    {
        var cases = Assert.IsType<JsonArray>(Golden[converterId], exactMatch: false);
        Assert.NotEmpty(cases);
        foreach (var item in cases.Cast<JsonObject>())
        {
            var step = Create(item["step"]!);
            Assert.Equal(converterId, step.Id);
            object? input = item["in"] switch
            {
                JsonArray list => list.Select(v => v?.GetValue<string>()).ToList(),
                null => null,
                var text => text.GetValue<string>(),
            };

            var ok = (input is null && !step.HandlesNull) ? Pass(out var result, out var reason) : step.TryConvert(input, out result, out reason);
            var label = $"{converterId} {item["step"]!.ToJsonString()} on {item["in"]?.ToJsonString() ?? "null"}";
            if (item.ContainsKey("error"))
            {
                Assert.False(ok, $"{label} should fail");
                Assert.Equal(item["error"]!.GetValue<string>(), reason);
            }
            else
            {
                Assert.True(ok, $"{label} failed: {reason}");
                JsonAssert.Equal(item["out"], CanonicalJson.Value(result), label);
            }
        }
    }

    [Fact]
    public void Golden_EveryEntry_IsARegisteredConverter() =>
        Assert.Empty(Golden.Select(p => p.Key).Except(ConverterRegistry.Default.Ids));

    private static ConverterStep Create(JsonNode step)
    {
        var node = JsonNodeReader.Read(Encoding.UTF8.GetBytes(step is JsonValue ? $$"""{"use":{{step.ToJsonString()}}}""" : step.ToJsonString()));
        var objectNode = Assert.IsType<ObjectNode>(node);
        var args = new ConverterArgs(((ScalarNode)objectNode["use"]!).Text!, objectNode);
        var created = ConverterRegistry.Default.Create(args);
        Assert.Empty(args.Problems);
        return created!;
    }

    private static bool Pass(out object? result, out string? reason)
    {
        result = null;
        reason = null;
        return true;
    }
}
