using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using JewelHub.Mappings.Evaluation;
using JewelHub.Mappings.Loading;
using Xunit;

namespace JewelHub.Mappings.Tests.Maps;

/// <summary>
/// Golden files for every shipped map: Fixtures/Maps/&lt;map id&gt;.csv mapped row by row must equal
/// &lt;map id&gt;.expected.json. Set JEWELHUB_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
/// </summary>
public sealed class ShippedMapGoldenTests
{
    private static readonly MapCatalog Catalog = MapCatalog.Load(new MapOptions());

    public static TheoryData<string> MapIds => new(Catalog.All.Select(m => m.Id));

    [Theory]
    [MemberData(nameof(MapIds))]
    public void Apply_FixtureRows_MatchGoldenFile(string mapId)
    {
        Assert.True(Catalog.TryGet(mapId, out var map));
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Maps", mapId + ".csv");
        Assert.True(File.Exists(fixture), $"shipped map {mapId} needs a golden fixture {fixture}");

        var actual = new JsonArray();
        using (var reader = CsvReader.Create(new StreamReader(fixture), new CsvReaderOptions { Separator = ',' }))
        {
            var header = reader.Headers.ToArray();
            Assert.Empty(map.MissingColumns(header));
            var record = new CsvRecord(header);
            while (reader.Read())
            {
                var fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
                var result = map.Apply(record.SetRow(fields));
                var row = CanonicalJson.ToJson(result).AsObject();
                // The header is row 1.
                row.Insert(0, "row", reader.RowNumber + 1);
                actual.Add(row);
            }
        }

        var expectedPath = Path.Combine(SourceFolder(), "..", "Fixtures", "Maps", mapId + ".expected.json");
        if (Environment.GetEnvironmentVariable("JEWELHUB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }) + "\n");
        }

        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Maps", mapId + ".expected.json")));
        JsonAssert.Equal(expected, actual, mapId);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
