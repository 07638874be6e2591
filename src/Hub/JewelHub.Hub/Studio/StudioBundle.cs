namespace JewelHub.Hub.Studio;

/// <summary>Finds the installed studio bundle and maps request paths to its files, refusing anything outside it.</summary>
internal sealed class StudioBundle
{
    private const string PackageFolder = "node_modules/@elsa-workflows/elsa-studio-wasm";

    private StudioBundle(string? root) => Root = root;

    /// <summary>The bundle folder, or null when the studio is not installed.</summary>
    public string? Root { get; }

    public static StudioBundle Locate(StudioOptions options, string contentRoot)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BundlePath))
        {
            candidates.Add(Path.GetFullPath(options.BundlePath, contentRoot));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "studio"));
        candidates.Add(Path.Combine(contentRoot, "Studio", PackageFolder));
        // Tests and tools run the hub from their own output folders: find the project folder above them.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, "src", "Hub", "JewelHub.Hub", "Studio", PackageFolder));
        }

        var root = candidates.FirstOrDefault(path => File.Exists(Path.Combine(path, "_framework", "blazor.webassembly.js")));
        return new StudioBundle(root is null ? null : Path.GetFullPath(root));
    }

    /// <summary>The file for a path below /studio/, or null when there is none (or the path escapes the bundle).</summary>
    public string? FileFor(string relativePath)
    {
        if (Root is null || string.IsNullOrEmpty(relativePath))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
