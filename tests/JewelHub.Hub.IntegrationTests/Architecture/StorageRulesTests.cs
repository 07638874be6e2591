using System.Text.RegularExpressions;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Architecture;

/// <summary>
/// The SQL a store shows is the SQL that runs, in the transaction the caller handed it: no ambient unit of work, and
/// nothing that reads, searches or rewrites a statement's text to decide what to do with it (STYLE §8). The
/// BannedSymbols analyzer refuses AsyncLocal at build time too; this test also covers the SQL-text rules.
/// </summary>
public sealed class StorageRulesTests
{
    private static readonly string[] Folders = ["src/Hub/JewelHub.Storage", "src/Hub/JewelHub.Stores", "src/Hub/JewelHub.Workflows"];

    private static readonly (string Rule, string Pattern)[] All =
    [
        ("ambient state", @"\bAsyncLocal\b|ExecutionContext\.SuppressFlow|\.Enter\(\)"),
        ("reading a command's text", @"\.CommandText\b(?!\s*=[^=])"),
        ("searching SQL text", @"\.(Contains|StartsWith|EndsWith|IndexOf|LastIndexOf)\(\s*""[^""]*\b(SELECT|INSERT|UPDATE|DELETE|RETURNING|CONFLICT|VALUES|COMMIT)\b"),
        ("splicing SQL into SQL", @"\.Replace\(\s*""(/\*|@|\{|\w+\.)"),
        ("regular expressions over SQL", @"\bRegex\b|GeneratedRegex"),
        ("sync over async", @"\.Result\b(?!s)|\.Wait\(\)|GetAwaiter\(\)\.GetResult\(\)"),
    ];

    public static TheoryData<string, string> Rules
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (rule, pattern) in All)
            {
                data.Add(rule, pattern);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Sources_OfStorageStoresAndRuntime_Follow(string rule, string pattern)
    {
        var root = RepositoryRoot();
        var offenders = Folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => !(rule == "regular expressions over SQL" && !HoldsSql(root, file)))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Relative(root, file), Line: i + 1, Text: line)))
            .Where(line => !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && Regex.IsMatch(line.Text, pattern))
            .Select(line => $"{line.File}:{line.Line}: {line.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, $"{rule} in the stores or storage:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void Rules_CatchWhatTheyNameInASample()
    {
        string[] samples =
        [
            "private static readonly AsyncLocal<UnitOfWork?> Ambient = new();",
            "if (command.CommandText.Contains(\"RETURNING\"))",
            "text.StartsWith(\"SELECT\", StringComparison.OrdinalIgnoreCase)",
            "InsertBill.Replace(\"/*number*/\", NumberSql(db))",
            "[GeneratedRegex(@\"@\\w+\")]",
            "return task.Result;",
        ];

        foreach (var (sample, (_, pattern)) in samples.Zip(All))
        {
            Assert.Matches(pattern, sample);
        }
    }

    // The runtime's expression evaluator parses JavaScript, not SQL: in Workflows, only the stores hold SQL.
    private static bool HoldsSql(string root, string file) =>
        !Relative(root, file).StartsWith("src/Hub/JewelHub.Workflows/", StringComparison.Ordinal) || Path.GetFileName(file).Contains("Store", StringComparison.Ordinal);

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JewelHub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("JewelHub.sln not found above the test's folder.");
    }
}
