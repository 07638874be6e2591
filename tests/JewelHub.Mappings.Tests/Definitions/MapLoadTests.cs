using System.Text;
using JewelHub.Mappings.Definitions;
using JewelHub.Mappings.Evaluation;
using JewelHub.Mappings.Loading;
using Xunit;

namespace JewelHub.Mappings.Tests.Definitions;

public sealed class MapLoadTests
{
    private const string Valid = """
        {
          "id": "shop.customer.in",
          "version": 1,
          "source": { "format": "csv", "fields": ["Id", "Name", "Phone"] },
          "fields": [
            { "target": "externalId", "from": "Id" },
            { "target": "name", "from": "Name", "convert": ["trim"] },
            { "target": "phone", "from": "Phone", "convert": [{ "use": "phone", "defaultCountry": "IN" }] }
          ]
        }
        """;

    [Fact]
    public void Load_ShippedMaps_AllValid()
    {
        var catalog = MapCatalog.Load(new MapOptions());

        Assert.Equal(["legacy-pos.customer.in", "legacy-pos.piece.in", "legacy-pos.sale.in", "legacy-pos.stock-level.in"], catalog.All.Select(m => m.Id));
    }

    [Fact]
    public void Load_ValidMap_MapsRecord()
    {
        var map = Single(Valid);

        var result = map.Apply(new CsvRecord(["Id", "Name", "Phone"]).SetRow(["7", " Asha ", "98765 43210"]));

        var mapped = Assert.IsType<MapResult.Mapped>(result);
        Assert.Equal("Asha", mapped.Record["name"]);
    }

    [Fact]
    public void Load_ConstantValueAndLastFirstName_EveryRowGetsTheValueThroughItsConverters()
    {
        var map = Single(Valid
            .Replace("\"convert\": [\"trim\"]", "\"convert\": [\"first-last\", { \"use\": \"case\", \"to\": \"title\" }]", StringComparison.Ordinal)
            .Replace("\"fields\": [\n", "\"fields\": [\n    { \"target\": \"city\", \"value\": \"pune\", \"convert\": [{ \"use\": \"case\", \"to\": \"title\" }] },\n", StringComparison.Ordinal));

        var result = map.Apply(new CsvRecord(["Id", "Name", "Phone"]).SetRow(["7", "O'BRIEN, SEAN", "98765 43210"]));

        var mapped = Assert.IsType<MapResult.Mapped>(result);
        Assert.Equal(("Sean O'Brien", "Pune"), (mapped.Record["name"], mapped.Record["city"]));
    }

    [Theory]
    [InlineData("\"convert\": [\"trim\"]", "\"convert\": [\"trimm\"]", 7, "unknown converter 'trimm'")]
    [InlineData("\"target\": \"name\"", "\"target\": \"fullName\"", 7, "'fullName' is not a field of customer")]
    [InlineData("\"from\": \"Name\"", "\"from\": \"Surname\"", 7, "source field 'Surname' is not declared")]
    [InlineData("\"defaultCountry\": \"IN\"", "\"defaultCountry\": \"IN\", \"region\": 1", 8, "unknown parameter 'region' for converter 'phone'")]
    [InlineData("{ \"use\": \"phone\", \"defaultCountry\": \"IN\" }", "\"decimal\"", 8, "'phone' takes phone but the rule yields number")]
    [InlineData("\"id\": \"shop.customer.in\"", "\"id\": \"Shop Customer\"", 2, "map id 'Shop Customer' must look like")]
    [InlineData("{ \"target\": \"externalId\", \"from\": \"Id\" },", "", 5, "required field 'externalId' of customer is not mapped; read it from a column with \"from\", or give every row the same value with { \"target\": \"externalId\", \"value\": \"...\" }")]
    [InlineData("\"version\": 1", "\"version\": \"one\"", 3, "the map needs a 'version'")]
    [InlineData("\"fields\": [\n", "\"rules\": [{ \"requireOneOf\": [\"phone\", \"email\"] }],\n  \"fields\": [\n", 5, "requireOneOf names 'email', which no rule of this map fills")]
    [InlineData("[\"trim\"]", "[\"trim\", { \"use\": \"date\", \"formats\": [\"yyyyMMdd\"] }]", 7, "date format 'yyyyMMdd' is not one of")]
    public void Load_BadMap_ReportsFileAndLine(string find, string replace, int line, string message)
    {
        var text = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);

        var problem = Assert.Single(Problems(text, "maps/shop.customer.in.json"), p => p.Message.Contains(message, StringComparison.Ordinal));

        Assert.Equal("maps/shop.customer.in.json", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.StartsWith($"maps/shop.customer.in.json({line}): ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_ReportsLine()
    {
        var problem = Assert.Single(Problems(Valid.Replace("\"version\": 1,", "\"version\": 1,,", StringComparison.Ordinal), "bad.json"));

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Load_YamlMap_ReportsLineOfUnknownConverter()
    {
        const string Yaml = """
            id: shop.customer.in
            version: 1
            source:
              format: csv
              fields: [Id, Name]
            fields:
              - target: externalId
                from: Id
              - target: name
                from: Name
                convert:
                  - trim
                  - use: shout
            """;

        var problem = Assert.Single(Problems(Yaml, "user/shop.customer.in.yaml"));

        Assert.Equal(13, problem.Line);
        Assert.Contains("unknown converter 'shout'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_YamlMap_MapsLikeJson()
    {
        const string Yaml = """
            id: shop.customer.in
            version: 2
            source: { format: csv, fields: [Id, Name] }
            fields:
              - { target: externalId, from: Id, convert: [{ use: legacy-id, prefixes: ["C-"] }] }
              - { target: name, from: Name }
            """;
        var map = Single(Yaml, "shop.customer.in.yaml");

        var mapped = Assert.IsType<MapResult.Mapped>(map.Apply(new CsvRecord(["Id", "Name"]).SetRow(["C-0042", "Asha"])));

        Assert.Equal(2, map.Version);
        Assert.Equal("42", mapped.Record["externalId"]);
    }

    [Fact]
    public void Load_SameIdTwice_ReportsBothFiles()
    {
        var error = Assert.Throws<MapDefinitionException>(() => MapCatalog.Load([File(Valid, "a.json"), File(Valid, "b.json")]));

        Assert.Contains("b.json(1): map id 'shop.customer.in' is already defined in a.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserFolder_AddsMapsBesideShipped()
    {
        var folder = Directory.CreateTempSubdirectory("jewelhub-maps-").FullName;
        System.IO.File.WriteAllText(Path.Combine(folder, "shop.customer.in.json"), Valid);

        var catalog = MapCatalog.Load(new MapOptions { Folder = folder });

        Assert.True(catalog.TryGet("shop.customer.in", out _));
        Assert.True(catalog.TryGet("legacy-pos.customer.in", out _));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Apply_SeveralSourcesWithConcat_JoinsThem()
    {
        var map = Single(Valid
            .Replace("[\"Id\", \"Name\", \"Phone\"]", "[\"Id\", \"First\", \"Last\", \"Phone\"]", StringComparison.Ordinal)
            .Replace("\"from\": \"Name\", \"convert\": [\"trim\"]", "\"from\": [\"First\", \"Last\"], \"convert\": [\"concat\", { \"use\": \"case\", \"to\": \"title\" }]", StringComparison.Ordinal));

        var mapped = Assert.IsType<MapResult.Mapped>(map.Apply(new CsvRecord(["Id", "First", "Last", "Phone"]).SetRow(["1", "ASHA", "rao", ""])));

        Assert.Equal("Asha Rao", mapped.Record["name"]);
        Assert.False(mapped.Record.ContainsKey("phone"));
    }

    private static MapFile File(string text, string name) => new(name, Encoding.UTF8.GetBytes(text));

    private static MapDefinition Single(string text, string name = "map.json")
    {
        var catalog = MapCatalog.Load([File(text, name)]);
        return Assert.Single(catalog.All);
    }

    private static IReadOnlyList<MapProblem> Problems(string text, string name) =>
        Assert.Throws<MapDefinitionException>(() => MapCatalog.Load([File(text, name)])).Problems;
}
