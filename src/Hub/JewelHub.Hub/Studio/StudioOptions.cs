namespace JewelHub.Hub.Studio;

/// <summary>Where the Elsa Studio bundle is.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>
    /// Folder of the unpacked npm package @elsa-workflows/elsa-studio-wasm. Default empty: the hub looks in
    /// "studio" beside its binaries (a published hub), then in Studio/node_modules under its project folder
    /// (where the build installs it).
    /// </summary>
    public string BundlePath { get; set; } = "";
}
