using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Architecture;

/// <summary>
/// The project graph as docs/ARCHITECTURE.md draws it: Canonical has no dependencies; Mappings builds on Canonical;
/// Connectors may build on Mappings; Stores on Canonical and the Storage plumbing; Workflows on Stores, and may build
/// on Mappings and Connectors, never on ASP.NET Core; only the Hub composes everything. A project references only
/// projects whose types it uses.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["JewelHub.Canonical"] = [],
        ["JewelHub.Mappings"] = ["JewelHub.Canonical"],
        ["JewelHub.Connectors"] = ["JewelHub.Mappings"],
        ["JewelHub.Storage"] = [],
        ["JewelHub.Stores"] = ["JewelHub.Canonical", "JewelHub.Storage"],
        ["JewelHub.Workflows"] = ["JewelHub.Stores", "JewelHub.Mappings", "JewelHub.Connectors"],
    };

    [Fact]
    public void ProjectReferences_FollowTheLayering()
    {
        foreach (var (project, allowed) in Allowed)
        {
            var references = ProjectReferences(project);
            var extra = references.Except(allowed, StringComparer.Ordinal).ToList();
            Assert.True(extra.Count == 0, $"{project} must not reference {string.Join(", ", extra)}");
        }
    }

    [Fact]
    public void ProjectReferences_EachOne_IsUsedByTheReferencingAssembly()
    {
        foreach (var project in SourceProjects())
        {
            var references = ProjectReferences(project);
            if (references.Length == 0)
            {
                continue;
            }

            // The compiler records an assembly reference only for an assembly whose types the code uses.
            var used = Assembly.Load(AssemblyName(project)).GetReferencedAssemblies().Select(name => name.Name!).ToHashSet(StringComparer.Ordinal);
            var unused = references.Where(reference => !used.Contains(AssemblyName(reference))).ToList();
            Assert.True(unused.Count == 0, $"{project} references {string.Join(", ", unused)} but uses none of its types");
        }
    }

    [Theory]
    [InlineData("JewelHub.Workflows")]
    [InlineData("JewelHub.Stores")]
    [InlineData("JewelHub.Mappings")]
    [InlineData("JewelHub.Canonical")]
    public void Assembly_OutsideTheHost_DoesNotUseAspNetCore(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(name => name.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Canonical_HasNoInputOutputDependencies()
    {
        var references = typeof(Canonical.Values.Money).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("JewelHub.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name is "Dapper" or "Npgsql" or "System.Data.Common" or "System.Net.Http");
    }

    private static string[] ProjectReferences(string project) =>
        XDocument.Load(ProjectFile(project)).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

    private static IEnumerable<string> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!);

    /// <summary>The project's AssemblyName (the host's is "jewelhub"), else its own name.</summary>
    private static string AssemblyName(string project) =>
        XDocument.Load(ProjectFile(project)).Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;

    private static string ProjectFile(string project) =>
        Directory.EnumerateFiles(RepositoryRoot(), project + ".csproj", SearchOption.AllDirectories)
            .Single(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "JewelHub.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("JewelHub.sln not found above " + AppContext.BaseDirectory);
    }
}
