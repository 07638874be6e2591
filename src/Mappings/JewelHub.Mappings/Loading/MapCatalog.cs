using System.Reflection;
using System.Text;
using JewelHub.Mappings.Converters;
using JewelHub.Mappings.Definitions;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Loading;

/// <summary>
/// Every loaded map by id. Loading validates every file and throws one <see cref="MapDefinitionException"/> listing
/// each problem (file and line), so a bad map stops the host at start-up rather than failing on data later.
/// </summary>
public sealed class MapCatalog
{
    private readonly Dictionary<string, MapDefinition> _maps;

    private MapCatalog(Dictionary<string, MapDefinition> maps) => _maps = maps;

    /// <summary>All maps, ordered by id.</summary>
    public IReadOnlyList<MapDefinition> All => _maps.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();

    /// <summary>Loads the shipped maps and the user maps of <paramref name="options"/>.</summary>
    public static MapCatalog Load(MapOptions options) =>
        string.IsNullOrEmpty(options.Folder) || Directory.Exists(options.Folder)
            ? Load(Shipped().Concat(string.IsNullOrEmpty(options.Folder) ? [] : Folder(options.Folder)))
            : throw new MapDefinitionException([new MapProblem(options.Folder, 0, $"the map folder named by {MapOptions.Section}:Folder does not exist")]);

    /// <summary>Loads and validates maps; throws <see cref="MapDefinitionException"/> listing every problem.</summary>
    public static MapCatalog Load(IEnumerable<MapFile> files, ConverterRegistry? converters = null, IReadOnlyDictionary<string, TargetSchema>? schemas = null)
    {
        var maps = new Dictionary<string, MapDefinition>(StringComparer.Ordinal);
        var problems = new List<MapProblem>();
        foreach (var file in files)
        {
            var (map, found) = Parse(file, converters ?? ConverterRegistry.Default, schemas ?? TargetSchemas.All);
            problems.AddRange(found);
            if (map is not null && !maps.TryAdd(map.Id, map))
            {
                problems.Add(new MapProblem(file.Name, 1, $"map id '{map.Id}' is already defined in {maps[map.Id].File}"));
            }
        }

        return problems.Count > 0 ? throw new MapDefinitionException(problems) : new MapCatalog(maps);
    }

    /// <summary>Parses one file; the map is null when there are problems.</summary>
    public static (MapDefinition? Map, IReadOnlyList<MapProblem> Problems) Parse(MapFile file, ConverterRegistry converters, IReadOnlyDictionary<string, TargetSchema> schemas)
    {
        MapNode root;
        try
        {
            var yaml = file.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            root = yaml ? YamlNodeReader.Read(Encoding.UTF8.GetString(file.Content)) : JsonNodeReader.Read(StripBom(file.Content));
        }
        catch (MapSyntaxException exception)
        {
            return (null, [new MapProblem(file.Name, exception.Line, exception.Message)]);
        }

        var parser = new MapParser(file.Name, converters, schemas);
        var map = parser.Parse(root);
        return (map, parser.Problems);
    }

    /// <summary>The maps embedded in an assembly under a Maps folder (JewelHub's own and each connector's).</summary>
    public static IEnumerable<MapFile> Embedded(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Maps.", StringComparison.Ordinal) && (n.EndsWith(".json", StringComparison.Ordinal) || n.EndsWith(".yaml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return new MapFile(n, memory.ToArray());
            });

    /// <summary>The maps JewelHub ships in JewelHub.Mappings.</summary>
    public static IEnumerable<MapFile> Shipped() => Embedded(typeof(MapCatalog).Assembly);

    /// <summary>The map files of a folder (not its sub-folders).</summary>
    public static IEnumerable<MapFile> Folder(string path) =>
        Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new MapFile(f, File.ReadAllBytes(f)));

    /// <summary>The map with this id.</summary>
    public bool TryGet(string id, out MapDefinition map) => _maps.TryGetValue(id, out map!);

    /// <summary>A catalog with extra maps (a map file named on the command line); ids must not clash.</summary>
    public MapCatalog With(IEnumerable<MapFile> files)
    {
        var extra = Load(files);
        var merged = new Dictionary<string, MapDefinition>(_maps, StringComparer.Ordinal);
        var clashes = extra._maps.Values.Where(m => !merged.TryAdd(m.Id, m))
            .Select(m => new MapProblem(m.File, 1, $"map id '{m.Id}' is already defined in {_maps[m.Id].File}")).ToList();
        return clashes.Count > 0 ? throw new MapDefinitionException(clashes) : new MapCatalog(merged);
    }

    private static byte[] StripBom(byte[] content) =>
        content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? content[3..] : content;
}
