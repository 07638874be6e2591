using System.Text;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// The migrate command's reading options as an operator uses them: a given delimiter (; or a tab), one detected from
/// the header, a Windows code page, and the refusals (unknown encoding, missing map folder, a delimiter that is not one
/// character, a file split at the wrong delimiter), each with its exit code and message and nothing written.
/// </summary>
public sealed class MigrateOptionsTests : IDisposable
{
    private static readonly string[] Rows =
    [
        "CustNo{0}Name{0}Mobile{0}Email{0}DOB{0}Anniversary{0}SMS{0}EmailOK{0}City{0}Created",
        "C-00501{0}François Pereira{0}98200 50001{0}francois@example.in{0}03/04/1985{0}{0}Y{0}N{0}Goa{0}15/08/2019",
        "C-00502{0}Zoë D'Souza{0}98200 50002{0}{0}{0}{0}N{0}N{0}Mumbai{0}",
        "C-00503{0}Renée Müller{0}{0}renee@example.in{0}{0}{0}{0}{0}Pune{0}",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("jewelhub-cli-").FullName;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, ";", ";")]
    [InlineData(DatabaseProvider.Postgres, ";", ";")]
    [InlineData(DatabaseProvider.Sqlite, "\t", @"\t")]
    [InlineData(DatabaseProvider.Postgres, "\t", @"\t")]
    public async Task Migrate_GivenDelimiter_ImportsEveryRow(DatabaseProvider provider, string delimiter, string argument)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var file = Write("customers.csv", delimiter, Encoding.UTF8);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "legacy-pos.customer.in", "--delimiter", argument);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"'{argument}'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("detected", run.Output, StringComparison.Ordinal);
        Assert.Equal(["François Pereira", "Renée Müller", "Zoë D'Souza"], await NamesAsync(database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, ";", ";")]
    [InlineData(DatabaseProvider.Postgres, "|", "|")]
    [InlineData(DatabaseProvider.Sqlite, "\t", @"\t")]
    public async Task Migrate_NoDelimiter_DetectsItFromTheHeaderAndSaysSo(DatabaseProvider provider, string delimiter, string shown)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var file = Write("customers.csv", delimiter, Encoding.UTF8);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "legacy-pos.customer.in");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"'{shown}' (detected from the header)", run.Output, StringComparison.Ordinal);
        Assert.Equal(3, await ImportDatabase.CountAsync(database.Database, "customers", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_Windows1252File_AccentedNamesAndRupeeNotesArriveIntact(DatabaseProvider provider)
    {
        // Arrange: accented names in Windows-1252; the rupee sign has no code in that page, so such exports write "Rs.".
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var file = Write("customers.csv", ",", CodePage(1252));

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "legacy-pos.customer.in", "--encoding", "windows-1252");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["François Pereira", "Renée Müller", "Zoë D'Souza"], await NamesAsync(database, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_Utf16FileWithRupeeSign_ReadsIt(DatabaseProvider provider)
    {
        // Arrange: a file in UTF-16 without a byte order mark, a ₹ in a name cell.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var path = Path.Combine(_folder, "rupee.csv");
        await File.WriteAllBytesAsync(path, new UnicodeEncoding(false, false).GetBytes(string.Join("\r\n", Rows.Take(2).Select(r => string.Format(null, r, ","))).Replace("François Pereira", "₹ Gold Club", StringComparison.Ordinal)), ct);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", path, "--map", "legacy-pos.customer.in", "--encoding", "utf-16");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["₹ Gold Club"], await NamesAsync(database, ct));
    }

    [Theory]
    [InlineData("--encoding", "klingon-8", "error: --encoding: 'klingon-8' is not an encoding this hub knows; use a name such as utf-8, utf-16, windows-1252, iso-8859-1 or a code page number such as 1252")]
    [InlineData("--maps", "no-such-folder", "error: --maps: the map folder 'no-such-folder' does not exist")]
    [InlineData("--delimiter", ";;", "error: --delimiter must be one character such as , ; | or \\t for a tab (any ASCII character but a quote or a line break), or auto to detect , ; \\t | from the header; ';;' is not")]
    public async Task Migrate_BadOption_ExitCode2WithTheReasonAndNothingWritten(string option, string value, string message)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        var file = Write("customers.csv", ",", Encoding.UTF8);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "legacy-pos.customer.in", option, value);

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(message, run.Error.Trim());
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ImportDatabase.CountAsync(database.Database, "customers", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(database.Database, "import_jobs", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_WrongDelimiter_SaysHowTheHeaderWasSplitAndWritesNothing(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var file = Write("customers.csv", ";", Encoding.UTF8);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "legacy-pos.customer.in", "--delimiter", ",");

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: customers.csv: missing column(s) CustNo, Name, Mobile", run.Error, StringComparison.Ordinal);
        Assert.Contains("the header was split at ',' into one column; if the file uses another delimiter, give it with --delimiter", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ImportDatabase.CountAsync(database.Database, "import_jobs", ct));
        Assert.Equal(0, await ImportDatabase.CountAsync(database.Database, "customers", ct));
    }

    [Fact]
    public async Task Migrate_MapsFolder_LoadsTheOperatorsMap()
    {
        // Arrange: a map of the operator's own in a folder of its own.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        var maps = Directory.CreateDirectory(Path.Combine(_folder, "maps")).FullName;
        await File.WriteAllTextAsync(Path.Combine(maps, "shop.customer.in.yaml"), """
            id: shop.customer.in
            version: 1
            source:
              format: csv
              fields: [Code, Party]
            fields:
              - { target: externalId, from: Code, convert: [trim, { use: legacy-id, prefixes: ["P-"] }] }
              - { target: name, from: Party, convert: [trim] }
            """, ct);
        var file = Path.Combine(_folder, "shop.csv");
        await File.WriteAllTextAsync(file, "Code,Party\nP-1,Anil Kapoor\nP-2,Sunita Rao\n", ct);

        // Act
        var run = await MigrateCli.RunAsync(database, ct, "customers", file, "--map", "shop.customer.in", "--maps", maps);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["Anil Kapoor", "Sunita Rao"], await NamesAsync(database, ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Encoding CodePage(int page)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(page);
    }

    private static async Task<List<string>> NamesAsync(TestDatabase database, CancellationToken cancellationToken) =>
        (await ImportDatabase.RowsAsync(database.Database, "SELECT name FROM customers ORDER BY name", cancellationToken)).ToList();

    private string Write(string name, string delimiter, Encoding encoding)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\r\n", Rows.Select(r => string.Format(null, r, delimiter))) + "\r\n", encoding);
        return path;
    }
}
