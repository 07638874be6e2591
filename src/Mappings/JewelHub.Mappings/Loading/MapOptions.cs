namespace JewelHub.Mappings.Loading;

/// <summary>Where user maps live, beside the maps JewelHub ships.</summary>
public sealed class MapOptions
{
    public const string Section = "Maps";

    /// <summary>A folder of user map files (*.json, *.yaml, *.yml), read at start-up. Default "" (none).</summary>
    public string Folder { get; set; } = "";
}
