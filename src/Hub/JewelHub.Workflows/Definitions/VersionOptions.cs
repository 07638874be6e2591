using System.Globalization;

namespace JewelHub.Workflows.Definitions;

/// <summary>Which versions of a definition to read, as Elsa's versionOptions query value says it.</summary>
public enum VersionSelection
{
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    AllVersions,
    SpecificVersion,
    Any,
}

/// <summary>A parsed versionOptions value: one of <see cref="VersionSelection"/>, or a version number.</summary>
/// <param name="Selection">The kind of selection.</param>
/// <param name="Version">The version number for <see cref="VersionSelection.SpecificVersion"/>.</param>
public readonly record struct VersionOptions(VersionSelection Selection, int Version = 0)
{
    public static VersionOptions Latest => new(VersionSelection.Latest);

    public static VersionOptions Published => new(VersionSelection.Published);

    /// <summary>
    /// Parses Elsa's text (Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a number).
    /// Empty means no filter; null means <paramref name="fallback"/>.
    /// </summary>
    public static bool TryParse(string? text, VersionOptions fallback, out VersionOptions options)
    {
        options = fallback;
        if (text is null)
        {
            return true;
        }

        if (text.Length == 0)
        {
            options = new VersionOptions(VersionSelection.Any);
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
        {
            options = new VersionOptions(VersionSelection.SpecificVersion, version);
            return true;
        }

        if (Enum.TryParse<VersionSelection>(text, ignoreCase: true, out var selection) && selection is not VersionSelection.SpecificVersion)
        {
            options = new VersionOptions(selection);
            return true;
        }

        return false;
    }

    /// <summary>A SQL condition on the alias-free columns is_latest, is_published and version.</summary>
    internal string SqlCondition => Selection switch
    {
        VersionSelection.Latest => "is_latest",
        VersionSelection.Published => "is_published",
        VersionSelection.LatestOrPublished => "(is_latest OR is_published)",
        VersionSelection.LatestAndPublished => "(is_latest AND is_published)",
        VersionSelection.Draft => "(NOT is_published AND is_latest)",
        VersionSelection.SpecificVersion => "version = @Version",
        _ => "1 = 1",
    };
}
